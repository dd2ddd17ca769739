import type { Condition } from '../forms/form-model.ts';
import type { ActionSpec } from '../workflows/workflow-model.ts';

/** Something that happens to a case: an event arrives, or a state is entered. */
export type ClockTrigger = { readonly event: string } | { readonly enter: string };

/** What an administrator writes under `spec:` of a `kind: SlaPolicy`. */
export interface SlaPolicySpec {
  readonly workflows: readonly string[];
  /** Checked once, when the clock would start; a running clock is not stopped by it. */
  readonly appliesWhen?: Condition;
  readonly start: {
    readonly on: 'create' | ClockTrigger;
    /** Checked at the start trigger; false means this case gets no clock from this policy. */
    readonly when?: Condition;
  };
  /** `{enter}`: paused while in that state (resumes on leaving it); `{event}`: paused until a `resume` event. */
  readonly pause?: readonly ClockTrigger[];
  readonly resume?: readonly { readonly event: string }[];
  readonly stop?: readonly ClockTrigger[];
  readonly target: SlaTarget;
  /** Expression giving an instant (ISO text or epoch ms) that replaces the deadline when later (NORM-4). */
  readonly deadlineFrom?: string;
  readonly warning?: { readonly at: string; readonly actions?: readonly ActionSpec[] };
  readonly breach?: { readonly actions?: readonly ActionSpec[] };
  readonly escalations?: readonly EscalationSpec[];
}

export interface EscalationSpec {
  /** Threshold name, unique in the policy; defaults to `level-N` (1-based). */
  readonly name?: string;
  /** Time after the breach, counted on the target's clock (working or elapsed time). */
  readonly after: string;
  readonly actions: readonly ActionSpec[];
}

/** Which clock a target counts: working time on a calendar, or elapsed time (every hour counts). */
export type TargetClock = 'working' | 'elapsed';

/**
 * The promise: a `duration` counted on `clock`, or an agreed instant `at` (an appointment) that is
 * the deadline itself. Exactly one of `duration` and `at`.
 */
export interface SlaTarget {
  readonly duration?: string;
  readonly at?: string;
  /** Defaults to 'working' when a calendar is named, else 'elapsed'. */
  readonly clock?: TargetClock;
  /** Working time counted ('working'), or only the time zone of explanations ('elapsed'). */
  readonly calendar?: string;
}

export function targetClock(target: SlaTarget): TargetClock {
  return target.clock ?? (target.calendar !== undefined ? 'working' : 'elapsed');
}
