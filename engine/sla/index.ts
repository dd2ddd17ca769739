export {
  SLA_TIMER_EVENT,
  type ClockFire,
  type ClockFireResult,
  type ClockStep,
  type ClockStepResult,
} from './sla-step.ts';
export { compileSlaPolicy, type CompiledSla, type Threshold } from './compile-sla-policy.ts';
export { stepClocks } from './step-clocks.ts';
export { fireClock } from './fire-clock.ts';
export { recomputeClocks, type MovedDeadline, type RecomputeResult } from './recompute-clocks.ts';
export { slaTimerId } from './clock-deadline.ts';
export { slaPolicyKind, SLA_FACTS } from './sla-policy-kind.ts';
export type { ClockTrigger, EscalationSpec, SlaPolicySpec, SlaTarget, TargetClock } from './sla-policy-model.ts';
export { clockCalendarGap, type ClockCalendarGap } from './clock-calendar-gap.ts';
