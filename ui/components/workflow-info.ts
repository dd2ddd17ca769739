import type { Localized, Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import type { OtherDefinitionView, WorkflowView } from '../api/types.ts';

/**
 * What the components read from `GET /api/definitions/Workflow/:name` (the contract's WorkflowView): titles of states
 * and events, summary fields, the case page's sections, the diagram.
 */
export type WorkflowInfo = WorkflowView;

// One read per client, workflow and language: every case of a workflow shares it.
const cache = new WeakMap<ApiClient, Map<string, Promise<WorkflowInfo | undefined>>>();

export function workflowInfo(client: ApiClient, workflow: string, locale: Locale): Promise<WorkflowInfo | undefined> {
  let byName = cache.get(client);
  if (!byName) cache.set(client, (byName = new Map<string, Promise<WorkflowInfo | undefined>>()));
  const key = `${workflow}\u0000${locale}`;
  let hit = byName.get(key);
  if (!hit) {
    hit = client.definition('Workflow', workflow, { headers: { 'Accept-Language': locale } }).catch(() => {
      byName!.delete(key);
      return undefined;
    });
    byName.set(key, hit);
  }
  return hit;
}

/**
 * Forgets the views read through this client: the next person on a shared browser reads their own (a customer's view is
 * not staff's).
 */
export function forgetWorkflowInfo(client: ApiClient): void {
  cache.delete(client);
}

/** The title of a state path in a workflow, or the path itself. */
export function stateTitle(info: WorkflowInfo | undefined, path: string): Localized {
  return info?.states.find((s) => s.path === path)?.title ?? path;
}

/** A Script definition as `GET /api/definitions/Script/:name` serves it. */
export type ScriptDefinition = OtherDefinitionView;

/** A Script's lines: its spec as published, whose `lines` the Script kind's schema declares as localized texts. */
export function scriptLines(script: ScriptDefinition): readonly Localized[] {
  const lines = script.spec['lines'];
  return Array.isArray(lines) ? (lines as readonly Localized[]) : [];
}

const scripts = new WeakMap<ApiClient, Map<string, Promise<ScriptDefinition | undefined>>>();

/** One Script definition (both languages are in it), read once per client. */
export function scriptDefinition(client: ApiClient, name: string): Promise<ScriptDefinition | undefined> {
  let byName = scripts.get(client);
  if (!byName) scripts.set(client, (byName = new Map<string, Promise<ScriptDefinition | undefined>>()));
  let hit = byName.get(name);
  if (!hit) {
    hit = client.definition('Script', name).catch(() => {
      byName!.delete(name);
      return undefined;
    });
    byName.set(name, hit);
  }
  return hit;
}

/** Script names of the active states, in order, without repeats. */
export function scriptNames(info: WorkflowInfo | undefined, paths: readonly string[]): string[] {
  const names: string[] = [];
  for (const path of paths) {
    // A nested state also shows the scripts of the states around it, outermost first.
    const parts = path.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const script = info?.states.find((s) => s.path === parts.slice(0, i).join('.'))?.script ?? [];
      for (const name of script) if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}
