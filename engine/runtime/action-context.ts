import type { CompiledSet } from './compiled-set.ts';
import type { Actor, Directory } from './actor.ts';
import type { CaseLink, ClockState } from './case-record.ts';
import type { OutboxRecord, ScoreFactRecord, TimerRecord } from '../store/store.ts';
import type { RecordsView } from './records-view.ts';
import type { Note } from './note.ts';

/** The case as actions change it during one decision. */
export interface CaseDraft {
  readonly id: string;
  /** The case's human number, when its workflow numbers cases. */
  readonly number?: string;
  readonly workflow: string;
  readonly unit: string;
  owner: string | null;
  assignee: string | null;
  watchers: string[];
  customerUser: string | null;
  records: Record<string, string>;
  /** Changed in place, never replaced: the step's facts hold this object. */
  readonly data: Record<string, unknown>;
  clocks: Record<string, ClockState>;
  links: CaseLink[];
  activeStates: readonly string[];
  readonly createdAt: number;
}

export type ClockOperation = { readonly op: 'start' | 'stop' | 'pause' | 'resume'; readonly clock: string };

/** A new case to create in the same commit (a linked return visit, a tender from an order). */
export interface StartCaseRequest {
  readonly workflow: string;
  readonly link: string;
  readonly unit: string;
  readonly data: Record<string, unknown>;
  readonly owner: string | null;
  readonly customerUser: string | null;
  readonly records: Record<string, string>;
}

/** An event for another case (e.g. headquarters replying to the branch's case, CMP-5). */
export interface SignalRequest {
  readonly caseId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export interface UserFactChange {
  readonly username: string;
  readonly fact: string;
  readonly value: unknown;
}

/** What actions produce besides changing the draft. */
export interface Effects {
  // `timers` lists are replaced as states are left and entered within one step.
  readonly outbox: OutboxRecord[];
  readonly scoreFacts: ScoreFactRecord[];
  readonly clockOps: ClockOperation[];
  readonly startCases: StartCaseRequest[];
  readonly signals: SignalRequest[];
  readonly userFacts: UserFactChange[];
  timers: { schedule: TimerRecord[]; cancel: string[] };
  /** What the step did, stored with the event: structured notes, or English lines (see note.ts). */
  readonly notes: Note[];
}

export function emptyEffects(): Effects {
  return {
    outbox: [],
    scoreFacts: [],
    clockOps: [],
    startCases: [],
    signals: [],
    userFacts: [],
    timers: { schedule: [], cancel: [] },
    notes: [],
  };
}

/** Deterministic ids: the caller injects them (a counter in simulation, random in production). */
export interface IdSource {
  next(kind: 'case' | 'outbox' | 'fact'): string;
}

export interface ActionContext {
  readonly set: CompiledSet;
  readonly directory: Directory;
  readonly records: RecordsView;
  readonly now: number;
  readonly actor: Actor;
  readonly event: { readonly type: string; readonly data: Readonly<Record<string, unknown>> };
  readonly draft: CaseDraft;
  readonly effects: Effects;
  readonly ids: IdSource;
  /** False: notifications are queued without their rendered subject and body (DecideDeps.explain). */
  readonly explain: boolean;
  /**
   * The step's facts (data, event, actor, case, clock, now) as a plain object, computed when called: for templates and
   * anything that copies them.
   */
  scope(): Record<string, unknown>;
  /** Evaluates a value written in YAML: strings starting with '=' are expressions, others literals. */
  value(v: unknown): unknown;
}
