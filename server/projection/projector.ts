import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { Store } from '../../engine/store/index.ts';
import type { HistoryEvent } from '../../engine/workflows/sealed-data.ts';
import type { DefinitionRegistry } from '../definitions/definition-registry.ts';
import type { ProjectionStore } from '../../ports/server-storage.ts';
import { needsHistory, projectCase } from './project-case.ts';

/**
 * Keeps the read projections (ledger rows, report rows, case–record links) in step with the
 * cases: told after each commit, one batch at a time in order; `catchUp` repairs whatever a crash
 * between a commit and its projection left behind.
 */
export interface Projector {
  enqueue(changed: readonly CaseRecord[]): void;
  /** Resolves when everything enqueued so far is projected. */
  flush(): Promise<void>;
  /**
   * Projects every case whose projection is behind. `repair`, when given, sees each page of such
   * cases first: what a crash cut off between a case's commit and its projection (e.g. the
   * archive records it created) can be restored before the projection says the case is done.
   */
  catchUp(repair?: (behind: readonly CaseRecord[]) => Promise<unknown>): Promise<number>;
}

/** `history` reads a case's history (default: the store's; the server passes its history cache). */
export function createProjector(
  store: Store,
  projections: ProjectionStore,
  registry: DefinitionRegistry,
  onError: (e: unknown) => void,
  history: (record: CaseRecord) => Promise<readonly HistoryEvent[]> = (record) => store.history(record.id),
): Projector {
  let chain: Promise<void> = Promise.resolve();

  async function project(records: readonly CaseRecord[]): Promise<void> {
    const byId = new Map(records.map((r) => [r.id, r]));
    // A parent's ledger row may read its linked cases: re-project parents of what changed.
    for (const r of records) {
      for (const l of r.links) {
        if (l.direction !== 'parent' || byId.has(l.caseId)) continue;
        const parent = await store.getCase(l.caseId);
        if (parent) byId.set(parent.id, parent);
      }
    }
    const entries = [];
    for (const record of byId.values()) {
      const set = registry.version(record.definitionVersion) ?? registry.current();
      const deep = needsHistory(set);
      const events = deep ? await history(record) : [];
      const linked = deep
        ? (await Promise.all(record.links.map((l) => store.getCase(l.caseId)))).filter(
            (c): c is CaseRecord => c !== undefined,
          )
        : [];
      entries.push(projectCase(set, record, events, linked));
    }
    await projections.put(entries);
  }

  // Changes wait here until the running projection finishes and the event loop has taken the
  // requests already arrived (setImmediate), then go in one batch (one transaction): under load,
  // the commits of many requests are projected together. Readers of projections flush first.
  let waiting = new Map<string, CaseRecord>();
  const projector: Projector = {
    enqueue(changed) {
      const first = waiting.size === 0;
      for (const c of changed) waiting.set(c.id, c);
      if (!first) return;
      chain = chain
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(() => {
          const batch = [...waiting.values()];
          waiting = new Map();
          return project(batch).catch((error: unknown) => {
            // The database is away (PostgreSQL restarting, the network): the batch is tried again
            // until it returns, unless a newer version of a case is waiting by then.
            if ((error as { code?: string }).code === 'STORE_UNAVAILABLE') {
              setTimeout(() => projector.enqueue(batch.filter((c) => !waiting.has(c.id))), RETRY_MS).unref();
            }
            throw error;
          });
        })
        .catch(onError);
    },
    flush: () => chain,
    async catchUp(repair) {
      let fixed = 0;
      for (
        let page = await store.scanCases(undefined, 200);
        page.length > 0;
        page = await store.scanCases(page.at(-1)!.id, 200)
      ) {
        const projected = await projections.projectedVersions(page.map((c) => c.id));
        const behind = page.filter((c) => projected.get(c.id) !== c.version);
        if (behind.length && repair) await repair(behind);
        if (behind.length) await project(behind);
        fixed += behind.length;
      }
      return fixed;
    },
  };
  return projector;
}

/** How long a batch the database could not take waits before it is tried again. */
const RETRY_MS = 1000;
