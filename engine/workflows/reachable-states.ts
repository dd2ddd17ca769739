import { parentPath, resolveTarget } from './state-paths.ts';
import type { StateSpec, TargetSpec, WorkflowSpec } from './workflow-model.ts';

/**
 * States reachable from the initial state: entering a state enters its initial child (all
 * children of a parallel state), and every transition target is entered with its ancestors.
 */
export function reachableStates(spec: WorkflowSpec, paths: ReadonlyMap<string, StateSpec>): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const enter = (path: string) => {
    for (let p = path; p; p = parentPath(p)) {
      if (!seen.has(p) && paths.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  };
  const targetsOf = (t: { target?: string; targets?: readonly TargetSpec[] }): string[] => [
    ...(t.target ? [t.target] : []),
    ...(t.targets ?? []).map((b) => b.target),
  ];
  enter(spec.initial);
  for (const t of Object.values(spec.on ?? {}))
    for (const x of targetsOf(t)) {
      const r = resolveTarget(x, '', paths);
      if (r) enter(r);
    }
  while (queue.length) {
    const path = queue.shift()!;
    const state = paths.get(path)!;
    if (state.states) {
      const children =
        state.type === 'parallel' ? Object.keys(state.states) : [state.initial ?? Object.keys(state.states)[0]!];
      for (const c of children) enter(`${path}.${c}`);
    }
    const outgoing = [
      ...Object.values(state.on ?? {}).flatMap(targetsOf),
      ...(state.after ?? []).flatMap(targetsOf),
      ...(state.always ?? []).map((b) => b.target),
      ...(typeof state.done === 'string' ? [state.done] : (state.done ?? []).map((b) => b.target)),
    ];
    for (const t of outgoing) {
      const r = resolveTarget(t, path, paths);
      if (r) enter(r);
    }
  }
  return seen;
}
