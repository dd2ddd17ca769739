import type { Localized, Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';
import type { ViewSectionInfo } from '../values/view-field.ts';

/**
 * What the components read from `GET /api/definitions/Workflow/:name`: titles of states and events, summary fields, the
 * diagram.
 */
export interface WorkflowInfo {
  readonly name?: string;
  readonly title?: Localized;
  /** `script`: names of the Script definitions for the state (NORM-2), when the server sends them. */
  readonly states?: readonly {
    readonly path: string;
    readonly title?: Localized;
    readonly script?: string | readonly string[];
  }[];
  /** Every event of the workflow with the JSON Schema of its form (null when it has none). */
  readonly events?: readonly {
    readonly type: string;
    readonly title?: Localized;
    readonly form?: Record<string, unknown> | null;
    readonly saveAs?: string;
  }[];
  readonly diagram?: { readonly svg?: string };
  /** The JSON Schema of the data that creates a case (a history's first entry carries it). */
  readonly startForm?: Record<string, unknown> | null;
  /** The case-data fields that tell cases apart in a list, with their labels (see case-summary.ts). */
  readonly summary?: readonly SummaryFieldInfo[];
  /** What the case page shows at its top, by section (the workflow's `view`, or its forms by default). */
  readonly view?: readonly ViewSectionInfo[];
}

/** One summary field: its dotted path in the case data; `options` label the values of a choice. */
export interface SummaryFieldInfo {
  readonly path: string;
  readonly title?: Localized;
  /** The field's type in its form (`phone`, `mobile`, `text`…). */
  readonly type?: string;
  readonly options?: readonly { readonly value: string; readonly label?: Localized }[];
}

// One read per client, workflow and language: every case of a workflow shares it.
const cache = new WeakMap<ApiClient, Map<string, Promise<WorkflowInfo | undefined>>>();

export function workflowInfo(client: ApiClient, workflow: string, locale: Locale): Promise<WorkflowInfo | undefined> {
  let byName = cache.get(client);
  if (!byName) cache.set(client, (byName = new Map<string, Promise<WorkflowInfo | undefined>>()));
  const key = `${workflow}\u0000${locale}`;
  let hit = byName.get(key);
  if (!hit) {
    hit = client
      .request<WorkflowInfo>('GET', `/api/definitions/Workflow/${encodeURIComponent(workflow)}`, {
        headers: { 'Accept-Language': locale },
      })
      .catch(() => {
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
  return info?.states?.find((s) => s.path === path)?.title ?? path;
}

/** A Script definition as `GET /api/definitions/Script/:name` serves it. */
export interface ScriptDefinition {
  readonly name: string;
  readonly title?: Localized;
  readonly metadata?: { readonly title?: Localized };
  readonly spec?: { readonly lines?: readonly Localized[] };
}

const scripts = new WeakMap<ApiClient, Map<string, Promise<ScriptDefinition | undefined>>>();

/** One Script definition (both languages are in it), read once per client. */
export function scriptDefinition(client: ApiClient, name: string): Promise<ScriptDefinition | undefined> {
  let byName = scripts.get(client);
  if (!byName) scripts.set(client, (byName = new Map<string, Promise<ScriptDefinition | undefined>>()));
  let hit = byName.get(name);
  if (!hit) {
    hit = client.definition<ScriptDefinition>('Script', name).catch(() => {
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
      const script = info?.states?.find((s) => s.path === parts.slice(0, i).join('.'))?.script;
      for (const name of script === undefined ? [] : typeof script === 'string' ? [script] : script)
        if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}
