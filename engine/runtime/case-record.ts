import type { Note } from './note.ts';

/** The current state of one case, as stored in the current-state table (derived from its events). */
export interface CaseRecord {
  readonly id: string;
  /**
   * The human number (BX-2026-00001) the workflow's `numbering` gave the case when it was
   * created; absent when its workflow numbers no cases. Never changes. Unique across all cases.
   */
  readonly number?: string;
  readonly workflow: string;
  /** Content hash of the definition set this case started on (P-3). */
  readonly definitionVersion: string;
  /** The unit the case belongs to (scope of visibility). */
  readonly unit: string;
  /** First contact (ORG-5): the staff member who received the customer; stays to the end. */
  readonly owner: string | null;
  readonly assignee: string | null;
  readonly watchers: readonly string[];
  /** Username of the customer (portal user) the case is for, if any. */
  readonly customerUser: string | null;
  /** Linked archive records, e.g. { customer: 'cus-1', product: 'prd-7' }. */
  readonly records: Readonly<Record<string, string>>;
  /** xstate state value: a string, or an object for nested/parallel states. */
  readonly state: StateValue;
  /** Active leaf state paths, e.g. ['handling.hq'] — for queries and display. */
  readonly activeStates: readonly string[];
  readonly done: boolean;
  readonly data: Readonly<Record<string, unknown>>;
  /** Number of events applied; the expectedVersion of the next event. */
  readonly version: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly clocks: Readonly<Record<string, ClockState>>;
  readonly links: readonly CaseLink[];
  /**
   * Keys of `data` written by sealed events (TND-7), each with the event that unseals it; absent
   * when nothing is sealed. Kept on the record so that what the store derives for querying (the
   * search text) leaves sealed data out without reading the history.
   */
  readonly sealedData?: Readonly<Record<string, string>>;
}

export type StateValue = string | { readonly [key: string]: StateValue };

export interface CaseLink {
  /** 'parent' when this case was started by the other one; 'child' the other way. */
  readonly direction: 'parent' | 'child';
  readonly caseId: string;
  /** The other case's human number, when it has one. */
  readonly number?: string;
  readonly workflow: string;
  /** The name the linking action gave, e.g. 'return-visit'. */
  readonly name: string;
}

/** One SLA clock on a case (several may run at once, each kept separately). */
export interface ClockState {
  readonly policy: string;
  readonly status: 'running' | 'paused' | 'stopped';
  readonly startedAt: number;
  /** Working (or wall) milliseconds the clock has consumed up to `since`. */
  readonly elapsedMs: number;
  readonly since: number;
  readonly targetMs: number | null;
  readonly deadline: number | null;
  readonly stoppedAt: number | null;
  readonly breached: boolean;
  /** Escalation levels already fired, warnings included, by name. */
  readonly fired: readonly string[];
  /**
   * How the deadline was computed, line by line: structured lines (engine/sla/clock-lines.ts) that a
   * reader sees in their language, with the English text; clocks started before hold plain strings.
   */
  readonly explanation: readonly Note[];
}

/** One stored event of a case's history (append-only). */
export interface CaseEvent {
  readonly caseId: string;
  /** 1-based position in the case's history; equals the case version after applying it. */
  readonly seq: number;
  readonly type: string;
  readonly actor: string;
  readonly actorUnit: string | null;
  readonly at: number;
  readonly definitionVersion: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** A short account of what the event caused (assignments, notifications, clocks, links). */
  readonly effects: readonly Note[];
  readonly hash: string;
  readonly prevHash: string;
}
