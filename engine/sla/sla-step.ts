import type { ClockOperation } from '../runtime/action-context.ts';
import type { ClockState } from '../runtime/case-record.ts';
import type { Note } from '../runtime/note.ts';
import type { CompiledSet } from '../runtime/compiled-set.ts';
import type { TimerRecord } from '../store/store.ts';
import type { ActionSpec } from '../workflows/workflow-model.ts';

/** The internal event type of SLA thresholds (warning, breach, escalation levels). */
export const SLA_TIMER_EVENT = 'sf.sla';

/** What happened to a case in one decision, as far as its clocks care. */
export interface ClockStep {
  readonly set: CompiledSet;
  readonly now: number;
  readonly caseId: string;
  readonly workflow: string;
  readonly unit: string;
  readonly created: boolean;
  readonly event: { readonly type: string; readonly data: Readonly<Record<string, unknown>> };
  readonly entered: readonly string[];
  readonly exited: readonly string[];
  readonly activeStates: readonly string[];
  readonly done: boolean;
  /** Condition facts: data, event, actor, case, clock. */
  readonly facts: Readonly<Record<string, unknown>>;
  readonly clocks: Readonly<Record<string, ClockState>>;
  readonly explicit: readonly ClockOperation[];
  /** False: no explanation lines and no notes (DecideDeps.explain); the clocks decided are the same. */
  readonly explain?: boolean;
}

export interface ClockStepResult {
  readonly clocks: Record<string, ClockState>;
  readonly schedule: TimerRecord[];
  readonly cancel: string[];
  readonly notes: Note[];
}

/** A due SLA threshold: which clock and which threshold ('warning', 'breach', or a level name). */
export interface ClockFire {
  readonly set: CompiledSet;
  readonly now: number;
  readonly caseId: string;
  /** The case's unit: its calendar gives the time zone of the explanation when the policy names none. */
  readonly unit?: string;
  readonly clocks: Readonly<Record<string, ClockState>>;
  readonly data: Readonly<Record<string, unknown>>;
  /** False: no explanation line and no notes (DecideDeps.explain). */
  readonly explain?: boolean;
}

export interface ClockFireResult {
  readonly clocks: Record<string, ClockState>;
  /** Actions of the threshold, run by the engine like workflow actions. */
  readonly actions: readonly ActionSpec[];
  readonly notes: Note[];
}
