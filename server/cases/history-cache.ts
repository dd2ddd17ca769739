import type { CaseRecord } from '../../engine/runtime/case-record.ts';
import type { Commit, Store } from '../../engine/store/index.ts';
import type { HistoryEvent } from '../../engine/workflows/sealed-data.ts';

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

export function createHistoryCache(store: Store, maxCases = 5000): HistoryCache {
  // Insertion order is recency: a hit or an extension moves the case to the end.
  const cases = new Map<string, readonly HistoryEvent[]>();
  const keep = (id: string, events: readonly HistoryEvent[]) => {
    cases.delete(id);
    if (cases.size >= maxCases) cases.delete(cases.keys().next().value as string);
    cases.set(id, events);
  };
  const lastSeq = (events: readonly HistoryEvent[]) => (events.length ? events[events.length - 1]!.seq : 0);
  return {
    async of(record) {
      const hit = cases.get(record.id);
      if (hit && lastSeq(hit) === record.version) {
        keep(record.id, hit);
        return hit;
      }
      const history = await store.history(record.id);
      if (lastSeq(history) === record.version) keep(record.id, history);
      return history;
    },
    committed(commit) {
      for (const { record, expectedVersion } of commit.cases) {
        const events = commit.events.filter((e) => e.caseId === record.id).sort((a, b) => a.seq - b.seq);
        const before = expectedVersion === 0 ? [] : cases.get(record.id);
        const follows = before !== undefined && lastSeq(before) === expectedVersion && events.every((e, i) => e.seq === expectedVersion + i + 1) && lastSeq(events) === record.version;
        if (follows) keep(record.id, [...before, ...events]);
        else cases.delete(record.id);
      }
    },
  };
}
