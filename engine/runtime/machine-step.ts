import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { CompiledWorkflow } from '../workflows/compile-workflow.ts';
import type { StateValue } from './case-record.ts';
import { activeLeaves } from './state-value.ts';
import { ownStep, rememberStep, replayStep, type MachineAction, type MachineStep, type MemoNode } from './step-memo.ts';

export type { MachineAction, MachineStep } from './step-memo.ts';

type Facts = Record<string, unknown>;

/**
 * A workflow's steps through xstate's public pure functions, `initialTransition()` and
 * `transition()`: they return the next snapshot and the actions a step reports and execute
 * nothing, so the engine interprets the actions itself.
 *
 * Each of those calls builds a throwaway actor, so a step, once computed, is remembered
 * (step-memo.ts): the next case taking the same event in the same state only asks the same guards
 * again, instead of resolving the state and running xstate's microsteps — which every event
 * otherwise repeats to reach the same few answers. Only a first step pays xstate's price.
 *
 * Calls are synchronous and never nest, which is what lets them share the guard trace.
 */
export interface MachineStepper {
  /** The first step of a new case; the guards read `facts`. */
  initial(facts: Facts): MachineStep;
  /** The step `type` takes from the stored state `state`. */
  next(state: StateValue, type: string, facts: Facts): MachineStep;
}

const steppers = new WeakMap<CompiledWorkflow, MachineStepper>();

export function stepperOf(workflow: CompiledWorkflow): MachineStepper {
  let stepper = steppers.get(workflow);
  if (!stepper) steppers.set(workflow, (stepper = createStepper(workflow)));
  return stepper;
}

function createStepper(workflow: CompiledWorkflow): MachineStepper {
  // Guard id and answer (1 or 0) of each guard xstate asks during the step being computed.
  let trace: number[] = [];
  const machine = workflow.machine.provide({
    guards: {
      // On creation the event is xstate's init event, which carries the facts as its input.
      // `transition()` and `initialTransition()` also build a throwaway actor whose constructor
      // computes an initial snapshot with no input: those calls carry no facts, are answered
      // "no" and stay out of the trace, which must hold only the step being computed.
      'sf.guard': ({ event }: { event: { facts?: Facts; input?: { facts?: Facts } } }, params: { id: number }) => {
        const facts = event.facts ?? event.input?.facts;
        if (!facts) return false;
        const ok = workflow.guards[params.id]!(facts);
        trace.push(params.id, ok ? 1 : 0);
        return ok;
      },
    },
  } as never);
  // By stored state value, then event type. A string value is its own key; an object value is
  // keyed by its JSON in a map of its own, so that neither is printed nor joined per event.
  const created = new Map<string, MemoNode>(); // one entry, '' (creation)
  const byName = new Map<string, Map<string, MemoNode>>();
  const byJson = new Map<string, Map<string, MemoNode>>();
  const memoOf = (state: StateValue): Map<string, MemoNode> => {
    const outer = typeof state === 'string' ? byName : byJson;
    const key = typeof state === 'string' ? state : JSON.stringify(state);
    let memo = outer.get(key);
    if (!memo) outer.set(key, (memo = new Map<string, MemoNode>()));
    return memo;
  };
  type Reported = readonly { type: string; params?: unknown }[];
  const computeStep = (
    memo: Map<string, MemoNode>,
    key: string,
    compute: () => readonly [AnyMachineSnapshot, Reported],
  ): MachineStep => {
    trace = [];
    const [snapshot, reported] = compute();
    // Only type and params: the rest of what xstate reports holds this event and its facts.
    const actions: MachineAction[] = reported.map((a) => ({ type: a.type, params: a.params }));
    const value = snapshot.value as StateValue;
    const computed: MachineStep = { value, leaves: activeLeaves(value), done: snapshot.status === 'done', actions };
    if (snapshot.status !== 'error') {
      const tree = rememberStep(memo.get(key), trace, computed);
      if (tree) memo.set(key, tree);
    }
    return ownStep(computed);
  };
  return {
    initial(facts) {
      const known = replayStep(created.get(''), workflow.guards, facts);
      if (known) return ownStep(known);
      return computeStep(created, '', () => initialTransition(machine, { facts }) as [AnyMachineSnapshot, Reported]);
    },
    next(state, type, facts) {
      const memo = memoOf(state);
      const known = replayStep(memo.get(type), workflow.guards, facts);
      if (known) return ownStep(known);
      return computeStep(memo, type, () => {
        const from = machine.resolveState({ value: state, context: {} });
        return transition(machine, from, { type, facts } as never) as [AnyMachineSnapshot, Reported];
      });
    },
  };
}
