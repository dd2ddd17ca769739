// covers: P-7
import { describe, expect, it } from 'vitest';
import { stepperOf } from '../../../engine/runtime/machine-step.ts';
import type { CompiledWorkflow } from '../../../engine/workflows/compile-workflow.ts';
import { engineFixtureSet } from '../../helpers/engine-fixture.ts';

// The seed's training workflow routes on creation: `new` always goes to `applied` for an ad-hoc
// request and to `scheduled` otherwise, through one guard on data.kind.
const training = engineFixtureSet('definitions').workflows.get('training')!;

function counted(workflow: CompiledWorkflow): { workflow: CompiledWorkflow; asked: () => number; reset: () => void } {
  let asked = 0;
  const guards = workflow.guards.map((guard) => (facts: Record<string, unknown>) => {
    asked++;
    return guard(facts);
  });
  return { workflow: { ...workflow, guards } as CompiledWorkflow, asked: () => asked, reset: () => (asked = 0) };
}

const facts = (kind: string) => ({ data: { kind }, actor: {}, case: {} });

describe("the workflow stepper, on xstate's public pure functions", () => {
  it('takes each guarded branch by the facts of the case at hand', () => {
    const stepper = stepperOf(counted(training).workflow);
    expect(stepper.initial(facts('ad-hoc')).value).toBe('applied');
    expect(stepper.initial(facts('planned')).value).toBe('scheduled');
    expect(stepper.initial(facts('ad-hoc')).value).toBe('applied');
    expect(stepper.initial(facts('planned')).value).toBe('scheduled');
  });

  it('remembers a computed step: the next case asks the guard once and xstate is not run again', () => {
    // xstate's transition() builds a throwaway actor whose constructor evaluates the initial
    // guards without input; if those calls reached the memo's trace, no step would ever replay.
    const probe = counted(training);
    const stepper = stepperOf(probe.workflow);
    stepper.initial(facts('ad-hoc'));
    stepper.initial(facts('planned'));
    probe.reset();
    expect(stepper.initial(facts('ad-hoc')).value).toBe('applied');
    expect(probe.asked()).toBe(1);
    probe.reset();
    expect(stepper.initial(facts('planned')).value).toBe('scheduled');
    expect(probe.asked()).toBe(1);
  });

  it('reports the actions of the step it took, in order, as type and params only', () => {
    const step = stepperOf(counted(training).workflow).initial(facts('ad-hoc'));
    expect(step.done).toBe(false);
    expect(step.actions).toEqual([
      { type: 'sf.enter', params: { state: 'new' } },
      { type: 'sf.exit', params: { state: 'new' } },
      { type: 'sf.enter', params: { state: 'applied' } },
      { type: 'sf.actions', params: { id: 0 } },
    ]);
  });
});
