import type { StateValue } from './case-record.ts';

/** What the engine takes from one xstate step. */
export interface MachineStep {
  readonly value: StateValue;
  /** The active leaf state paths of `value` (activeLeaves). */
  readonly leaves: readonly string[];
  readonly done: boolean;
  readonly actions: readonly MachineAction[];
}

/** xstate's pure transition reports these; the engine interprets them itself. */
export interface MachineAction {
  readonly type: string;
  readonly params?: unknown;
}

/**
 * The steps already computed from one state for one event, as a decision tree over the guards
 * xstate evaluated: a branch names the guard xstate asked first (then next, by the answer), a leaf
 * holds the step those answers led to. A workflow machine has no context, no assign and no
 * spawning, so its step is a function of state, event type and the guards' answers alone.
 */
export type MemoNode = { readonly step: MachineStep } | MemoBranch;
interface MemoBranch {
  readonly guard: number;
  pass?: MemoNode;
  fail?: MemoNode;
}

/**
 * The remembered step these facts lead to, asking the guards in the order xstate did; undefined
 * when this path was never taken, or a guard threw (xstate then reports it in its own words).
 */
export function replayStep(
  node: MemoNode | undefined,
  guards: readonly ((facts: Record<string, unknown>) => boolean)[],
  facts: Record<string, unknown>,
): MachineStep | undefined {
  while (node !== undefined && !('step' in node)) {
    let ok: boolean;
    try {
      ok = guards[node.guard]!(facts);
    } catch {
      return undefined;
    }
    node = ok ? node.pass : node.fail;
  }
  return node?.step;
}

/**
 * Adds a computed step under the guard answers that led to it (`trace`: guard id, 1 or 0, …).
 * Returns the tree to keep, or undefined if the answers contradict the tree (not expected:
 * it would mean xstate's step is not a function of them, so nothing is remembered).
 */
export function rememberStep(
  root: MemoNode | undefined,
  trace: readonly number[],
  step: MachineStep,
  at = 0,
): MemoNode | undefined {
  if (at === trace.length) return root === undefined ? { step } : undefined;
  const guard = trace[at]!;
  if (root !== undefined && ('step' in root || root.guard !== guard)) return undefined;
  const branch: MemoBranch = root ?? { guard };
  const pass = trace[at + 1] === 1;
  const child = rememberStep(pass ? branch.pass : branch.fail, trace, step, at + 2);
  if (child === undefined) return undefined;
  if (pass) branch.pass = child;
  else branch.fail = child;
  return branch;
}

/** A step the caller may keep: its own copy of the state value and leaves (records carry them). */
export function ownStep(step: MachineStep): MachineStep {
  return { value: copyValue(step.value), leaves: step.leaves.slice(), done: step.done, actions: step.actions };
}

function copyValue(value: StateValue): StateValue {
  if (typeof value === 'string') return value;
  const out: Record<string, StateValue> = {};
  for (const key of Object.keys(value)) out[key] = copyValue(value[key]!);
  return out;
}
