import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { Commit, Store } from '../../engine/store/index.ts';
import { jsonLength } from '../../engine/runtime/case-size.ts';
import type { HistoryEvent } from '../../engine/workflows/sealed-data.ts';
import { createByteLru } from '../cache/byte-lru.ts';

/**
 * Recent cases' histories in memory, so the answer to an event and the projection after it do not
 * read the whole history back from the store that was just written. Fed by `committed` (the
 * engine's onCommit): a commit whose events continue a cached history exactly (the history ends at
 * the version the commit read, the events follow one by one up to the version written) extends
 * it; any other commit for that case drops it, and the next reader reads the store.
 * Events here lack the store's hash chain (hash, prevHash), which no reader of this cache shows.
 */
export interface HistoryCache {
  /** The case's history, from memory when it ends at `record.version`, else read from the store. */
  of(record: CaseRecord): Promise<readonly HistoryEvent[]>;
  committed(commit: Commit): void;
}

/**
 * Histories are kept up to `maxBytes` in all (about their JSON length; default 64 MiB), least recently used dropped
 * first.
 */
export function createHistoryCache(store: Store, maxBytes = 64 * 1024 * 1024): HistoryCache {
  const cases = createByteLru<{ events: readonly HistoryEvent[]; size: number }>(maxBytes);
  const sizeOf = (events: readonly HistoryEvent[]) => {
    let size = 0;
    for (const e of events) size += jsonLength(e, maxBytes) + 256;
    return size;
  };
  const keep = (id: string, events: readonly HistoryEvent[], size = sizeOf(events)) =>
    cases.set(id, { events, size }, size);
  const lastSeq = (events: readonly HistoryEvent[]) => (events.length ? events[events.length - 1]!.seq : 0);
  return {
    async of(record) {
      const hit = cases.get(record.id);
      if (hit && lastSeq(hit.events) === record.version) return hit.events;
      const history = await store.history(record.id);
      if (lastSeq(history) === record.version) keep(record.id, history);
      return history;
    },
    committed(commit) {
      for (const { record, expectedVersion } of commit.cases) {
        const events = commit.events.filter((e) => e.caseId === record.id).sort((a, b) => a.seq - b.seq);
        const before = expectedVersion === 0 ? { events: [], size: 0 } : cases.get(record.id);
        const follows =
          before !== undefined &&
          lastSeq(before.events) === expectedVersion &&
          events.every((e, i) => e.seq === expectedVersion + i + 1) &&
          lastSeq(events) === record.version;
        if (follows) keep(record.id, [...before.events, ...events], before.size + sizeOf(events));
        else cases.delete(record.id);
      }
    },
  };
}
