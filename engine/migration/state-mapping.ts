import type { StateValue } from '../runtime/case-record.ts';
import type { CompiledWorkflow } from '../workflows/compile-workflow.ts';
import { parentPath } from '../workflows/state-paths.ts';

/** Leaf states: those with no states inside them. */
export function leafStates(wf: CompiledWorkflow): string[] {
  return [...wf.states].filter(([, s]) => !s.states || Object.keys(s.states).length === 0).map(([path]) => path);
}

export function isFinal(wf: CompiledWorkflow, path: string): boolean {
  return wf.states.get(path)?.type === 'final';
}

/**
 * The target of `leaf` under a mapping whose keys may name a leaf or an ancestor: the nearest
 * key wins; a leaf no key covers keeps its path.
 */
export function mappedLeaf(mapping: Readonly<Record<string, string>>, leaf: string): string {
  for (let p = leaf; p; p = parentPath(p)) if (Object.hasOwn(mapping, p)) return mapping[p]!;
  return leaf;
}

/**
 * Whether some event, timer or automatic transition can take a case out of leaf `path`: a
 * transition with a target, defined on the state, an ancestor or the workflow itself.
 */
export function canLeave(wf: CompiledWorkflow, path: string): boolean {
  const leaves = (t: { target?: string; targets?: readonly unknown[] }) =>
    t.target !== undefined || (t.targets?.length ?? 0) > 0;
  if (Object.values(wf.spec.on ?? {}).some(leaves)) return true;
  for (let p = path; p; p = parentPath(p)) {
    const s = wf.states.get(p);
    if (!s) continue;
    if (Object.values(s.on ?? {}).some(leaves) || (s.after ?? []).some(leaves) || (s.always?.length ?? 0) > 0)
      return true;
    // A region's final child completes its parent, whose `done` leaves.
    if (p !== path && s.done !== undefined) return true;
  }
  return false;
}

/** The xstate value of a set of leaf paths: ['work.fixing'] → { work: 'fixing' }; ['open'] → 'open'. */
export function stateValueOf(leaves: readonly string[]): StateValue {
  if (leaves.length === 1 && !leaves[0]!.includes('.')) return leaves[0]!;
  const root: Record<string, unknown> = {};
  for (const leaf of leaves) {
    const parts = leaf.split('.');
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        if (!(part in node)) node[part] = {};
      } else {
        const next = node[part];
        node =
          typeof next === 'object' && next !== null
            ? (next as Record<string, unknown>)
            : ((node[part] = {}) as Record<string, unknown>);
      }
    });
  }
  return collapse(root) as StateValue;
}

// { work: { fixing: {} } } → { work: 'fixing' }: a compound state with one empty child is that child's name.
function collapse(node: Record<string, unknown>): unknown {
  const entries = Object.entries(node);
  if (entries.length === 1 && Object.keys(entries[0]![1] as object).length === 0) return entries[0]![0];
  return Object.fromEntries(
    entries.map(([k, v]) => [k, Object.keys(v as object).length === 0 ? {} : collapse(v as Record<string, unknown>)]),
  );
}
