import type { StateSpec, WorkflowSpec } from './workflow-model.ts';

/** Every state of a workflow by its dotted path ('handling.hq'), parents before children. */
export function statePaths(spec: WorkflowSpec): Map<string, StateSpec> {
  const out = new Map<string, StateSpec>();
  const visit = (states: Readonly<Record<string, StateSpec>>, prefix: string) => {
    for (const [name, state] of Object.entries(states)) {
      const path = prefix ? `${prefix}.${name}` : name;
      out.set(path, state);
      if (state.states) visit(state.states, path);
    }
  };
  visit(spec.states, '');
  return out;
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * Resolves a transition target written in a state at `from` ('' for the workflow's own `on`):
 * '#a.b' is absolute; 'x' or 'x.y' is relative to the parent of `from` (a sibling).
 */
export function resolveTarget(target: string, from: string, paths: ReadonlyMap<string, unknown>): string | null {
  const candidate = target.startsWith('#')
    ? target.slice(1)
    : from === ''
      ? target
      : joinPath(parentPath(from), target);
  return paths.has(candidate) ? candidate : null;
}

function joinPath(parent: string, child: string): string {
  return parent ? `${parent}.${child}` : child;
}

/** The xstate id of a state: paths contain '.', which xstate reads as a child separator in '#id.child'. */
export function xstateId(path: string): string {
  return path.replace(/\./g, '/');
}

export function pathFromXstateId(id: string): string {
  return id.replace(/\//g, '.');
}
