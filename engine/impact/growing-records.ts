import type { RecordEntry, RecordsView } from '../runtime/records-view.ts';

/**
 * Archive records during a replay: those given at the start plus the ones replayed cases create
 * (spec.records with fill), answering as createRecordsView does (by type, ordered by id). Added to
 * in place: rebuilding the view after each created record, as the simulator does, is quadratic over
 * a month of a large company.
 */
export function growingRecords(initial: readonly RecordEntry[]): {
  view: RecordsView;
  add(entry: RecordEntry): void;
  all(): RecordEntry[];
} {
  const byType = new Map<string, RecordEntry[]>();
  const ids = new Set<string>();
  const add = (e: RecordEntry) => {
    const key = `${e.type}\u0000${e.id}`;
    if (ids.has(key)) return; // a record id is written once; writing it again changes nothing
    ids.add(key);
    const list = byType.get(e.type);
    if (!list) return void byType.set(e.type, [e]);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.id < e.id) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, e);
  };
  for (const e of initial) add(e);
  return {
    view: {
      find: (type, match) =>
        (byType.get(type) ?? []).filter((r) => Object.entries(match).every(([k, v]) => r.data[k] === v)),
    },
    add,
    all: () => [...byType.values()].flat(),
  };
}
