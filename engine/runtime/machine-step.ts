import { createActor, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

type ActorScope = Parameters<AnyStateMachine['transition']>[2];
type Step = [AnyMachineSnapshot, unknown[]];

/**
 * xstate's pure `initialTransition()` and `transition()`, without their cost per call: each of
 * those builds a throwaway actor (whose constructor computes an initial snapshot of its own) only
 * to collect the actions a step reports — a third of the time spent deciding an event. Compiled
 * workflows invoke and spawn nothing, so one inert scope per machine serves every step. Like
 * xstate's, the scope executes nothing: the engine interprets the returned actions itself.
 *
 * Calls are synchronous and never nest, which is what lets them share the scope.
 */
export interface MachineStepper {
  initial(input: unknown): Step;
  next(snapshot: AnyMachineSnapshot, event: EventObject): Step;
}

const steppers = new WeakMap<AnyStateMachine, MachineStepper>();

export function stepperOf(machine: AnyStateMachine): MachineStepper {
  let stepper = steppers.get(machine);
  if (!stepper) steppers.set(machine, (stepper = createStepper(machine)));
  return stepper;
}

function createStepper(machine: AnyStateMachine): MachineStepper {
  const self = createActor(machine);
  let collected: unknown[] = [];
  const scope = {
    self,
    system: self.system,
    id: '',
    sessionId: '',
    defer: () => {},
    logger: () => {},
    stopChild: () => {},
    emit: () => {},
    actionExecutor: (action: unknown) => {
      collected.push(action);
    },
  } as unknown as ActorScope;
  const collect = (step: () => AnyMachineSnapshot): Step => {
    collected = [];
    const snapshot = step();
    return [snapshot, collected];
  };
  return {
    initial: (input) => collect(() => machine.getInitialSnapshot(scope, input) as AnyMachineSnapshot),
    next: (snapshot, event) => collect(() => machine.transition(snapshot, event, scope) as AnyMachineSnapshot),
  };
}
