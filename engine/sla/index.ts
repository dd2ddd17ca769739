// Placeholder until the SLA module lands: the shapes decide() relies on, clocks left unchanged.
export { SLA_TIMER_EVENT, type ClockFire, type ClockFireResult, type ClockStep, type ClockStepResult } from './sla-step.ts';
import type { ClockFire, ClockFireResult, ClockStep, ClockStepResult } from './sla-step.ts';
import type { Definition } from '../definitions/kind.ts';

export interface CompiledSla {
  readonly name: string;
}

export function compileSlaPolicy(def: Definition): CompiledSla {
  return { name: def.metadata.name };
}

export function stepClocks(step: ClockStep): ClockStepResult {
  return { clocks: { ...step.clocks }, schedule: [], cancel: [], notes: [] };
}

export function fireClock(fire: ClockFire): ClockFireResult {
  return { clocks: { ...fire.clocks }, actions: [], notes: [] };
}
