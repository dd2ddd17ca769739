import type { Localized, Locale } from '../../engine/localized.ts';
import type { ApiClient } from '../api/client.ts';

/** What the components read from `GET /api/definitions/Workflow/:name`: titles of states and events, the diagram. */
export interface WorkflowInfo {
  readonly name?: string;
  readonly title?: Localized;
  readonly states?: readonly { readonly path: string; readonly title?: Localized }[];
  readonly events?: readonly { readonly type: string; readonly title?: Localized }[];
  readonly diagram?: { readonly svg?: string };
}

// One read per client, workflow and language: every case of a workflow shares it.
const cache = new WeakMap<ApiClient, Map<string, Promise<WorkflowInfo | undefined>>>();

export function workflowInfo(client: ApiClient, workflow: string, locale: Locale): Promise<WorkflowInfo | undefined> {
  let byName = cache.get(client);
  if (!byName) cache.set(client, (byName = new Map()));
  const key = `${workflow}\u0000${locale}`;
  let hit = byName.get(key);
  if (!hit) {
    hit = client
      .request<WorkflowInfo>('GET', `/api/definitions/Workflow/${encodeURIComponent(workflow)}`, { headers: { 'Accept-Language': locale } })
      .catch(() => {
        byName!.delete(key);
        return undefined;
      });
    byName.set(key, hit);
  }
  return hit;
}

/** The title of a state path in a workflow, or the path itself. */
export function stateTitle(info: WorkflowInfo | undefined, path: string): Localized {
  return info?.states?.find((s) => s.path === path)?.title ?? path;
}
