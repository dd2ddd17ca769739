import type { CompiledSet } from '../../engine/runtime/compiled-set.ts';
import {
  createRecordsView,
  NO_RECORDS,
  type RecordEntry,
  type RecordsView,
} from '../../engine/runtime/records-view.ts';
import type { RecordRow, RecordStore } from '../../ports/server-storage.ts';

/** Rows read per query while loading a type; a duty roster is a few hundred rows a year. */
const PAGE = 1000;

/**
 * The archive records `decide` may look up (assign fromRecord, e.g. the holiday duty roster), held
 * in memory because decisions are synchronous. Only types the current definitions look up are
 * held. `store` is the record store to write through: a write of a held type reloads that type
 * before it returns, so the next decision sees it. A newly published version that looks up a new
 * type is loaded on the first decision after publication (that decision still sees the old view).
 * Several server nodes on one database tell each other of their writes (`reloadOne`, through the
 * cluster bus) and reload everything after missing messages (`reloadAll`).
 */
export interface EngineRecords {
  view(): RecordsView;
  readonly store: RecordStore;
  /** Reads one record again (another node wrote it), when its type is held. */
  reloadOne(type: string, id: string): Promise<void>;
  /** Reads every held type again. */
  reloadAll(): Promise<void>;
}

export async function openEngineRecords(records: RecordStore, current: () => CompiledSet): Promise<EngineRecords> {
  let loadedFor: CompiledSet | null = null;
  let types = new Set<string>();
  const byType = new Map<string, RecordEntry[]>();
  let view: RecordsView = NO_RECORDS;

  const loadType = async (type: string) => {
    const rows: RecordRow[] = [];
    for (let after: string | undefined; ;) {
      const page = await records.search({ type, limit: PAGE, ...(after ? { after } : {}) });
      rows.push(...page);
      if (page.length < PAGE) break;
      after = page.at(-1)!.id;
    }
    byType.set(
      type,
      rows.map((r) => ({ type: r.type, id: r.id, unit: r.unit, data: r.data })),
    );
    view = createRecordsView([...byType.values()].flat());
  };
  const load = async (set: CompiledSet) => {
    loadedFor = set;
    types = lookedUpTypes(set);
    for (const type of [...byType.keys()]) if (!types.has(type)) byType.delete(type);
    for (const type of types) await loadType(type);
    view = createRecordsView([...byType.values()].flat());
  };
  await load(current());

  const keep = (entry: RecordEntry) => {
    byType.set(entry.type, [...(byType.get(entry.type) ?? []).filter((e) => e.id !== entry.id), entry]);
    view = createRecordsView([...byType.values()].flat());
  };
  return {
    async reloadOne(type, id) {
      if (!types.has(type)) return;
      const row = await records.get(type, id);
      if (row) keep({ type: row.type, id: row.id, unit: row.unit, data: row.data });
    },
    async reloadAll() {
      for (const type of types) await loadType(type);
    },
    view() {
      const set = current();
      if (set !== loadedFor) void load(set);
      return view;
    },
    store: {
      ...records,
      async put(row, key, searchText, note, expectedVersion) {
        const outcome = await records.put(row, key, searchText, note, expectedVersion);
        if (outcome === 'ok' && types.has(row.type)) {
          // In memory, not reloaded: customer archives grow by one per new caller.
          keep({ type: row.type, id: row.id, unit: row.unit, data: row.data });
        }
        return outcome;
      },
    },
  };
}

/**
 * RecordType names the set looks up: `fromRecord: { type }` anywhere in a Workflow, and the types of `spec.records`
 * links.
 */
export function lookedUpTypes(set: CompiledSet): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'fromRecord' && x && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string')
          out.add((x as { type: string }).type);
        visit(x);
      }
    }
  };
  for (const doc of set.docs) {
    if (doc.kind !== 'Workflow') continue;
    visit(doc.spec);
    for (const link of Object.values((doc.spec as { records?: Record<string, { type: string }> }).records ?? {}))
      out.add(link.type);
  }
  return out;
}
