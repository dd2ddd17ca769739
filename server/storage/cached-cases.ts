import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import { jsonLength } from '../../engine/runtime/case-size.ts';
import type { Store } from '../../engine/store/index.ts';
import { createByteLru } from '../cache/byte-lru.ts';

/**
 * The store with the cases this server wrote lately kept in memory: an event's request reads its
 * case twice (the scope check, then the engine), and the next request for the case reads it again.
 * Write-through: a successful commit puts the records it wrote before it resolves, so a read after
 * a commit through this store never sees an older version. A case is kept `ttlMs` from its write
 * and then read from the store again, which bounds what a write by another process (a restore, a
 * second server on the same file) could leave behind; the engine's version check still refuses any
 * decision taken on an older record. The cache holds at most `maxBytes` of records (about their JSON
 * length; default 64 MiB), whatever their number, dropping the least recently used.
 */
export function cachedCases(
  store: Store,
  options: { ttlMs?: number; maxBytes?: number; now?: () => number } = {},
): Store {
  const ttl = options.ttlMs ?? 1000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const cases = createByteLru<{ record: CaseRecord; at: number }>(maxBytes);
  return {
    ...ownMethods(store),
    async getCase(id: string) {
      const hit = cases.get(id);
      if (hit && now() - hit.at < ttl) return hit.record;
      cases.delete(id);
      return store.getCase(id);
    },
    async commit(commit: Parameters<Store['commit']>[0]) {
      for (const c of commit.cases) cases.delete(c.record.id);
      await store.commit(commit);
      const at = now();
      // The record's other parts (clocks, links, states) are small beside its data: a fixed allowance.
      for (const c of commit.cases)
        cases.set(c.record.id, { record: c.record, at }, jsonLength(c.record.data, maxBytes) + 1024);
    },
  };
}

/** Every method of the store as an own property bound to it, so the result can be spread like the store itself. */
function ownMethods(store: Store): Store {
  const methods: Record<string, unknown> = {};
  for (let o: object | null = store; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const key of Object.getOwnPropertyNames(o)) {
      const value = (store as unknown as Record<string, unknown>)[key];
      if (key !== 'constructor' && !(key in methods) && typeof value === 'function') methods[key] = value.bind(store);
    }
  }
  return methods as unknown as Store;
}
