import type { CompiledSet } from '../runtime/compiled-set.ts';
import type { CompiledSla } from './compile-sla-policy.ts';

const byName = new WeakMap<CompiledSet, ReadonlyMap<string, CompiledSla>>();
const byWorkflow = new WeakMap<CompiledSet, Map<string, readonly CompiledSla[]>>();

/** The set's policy of that name (a published set is immutable, so the index is built once). */
export function policyNamed(set: CompiledSet, name: string): CompiledSla | undefined {
  let map = byName.get(set);
  if (!map) byName.set(set, (map = new Map(set.sla.map((p) => [p.name, p]))));
  return map.get(name);
}

/** Policies whose `workflows` include `workflow`, in definition order. */
export function policiesFor(set: CompiledSet, workflow: string): readonly CompiledSla[] {
  let map = byWorkflow.get(set);
  if (!map) byWorkflow.set(set, (map = new Map<string, readonly CompiledSla[]>()));
  let list = map.get(workflow);
  if (!list) map.set(workflow, (list = set.sla.filter((p) => p.workflows.has(workflow))));
  return list;
}
