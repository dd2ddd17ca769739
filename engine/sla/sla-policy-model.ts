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
  readonly target: { readonly duration: string; readonly calendar?: string };
  /** Expression giving an instant (ISO text or epoch ms) that replaces the deadline when later (NORM-4). */
  readonly deadlineFrom?: string;
  readonly warning?: { readonly at: string; readonly actions?: readonly ActionSpec[] };
  readonly breach?: { readonly actions?: readonly ActionSpec[] };
  readonly escalations?: readonly EscalationSpec[];
}

export interface EscalationSpec {
  /** Threshold name, unique in the policy; defaults to `level-N` (1-based). */
  readonly name?: string;
  /** Time after the breach, counted on the target's calendar (or wall time without one). */
  readonly after: string;
  readonly actions: readonly ActionSpec[];
}
