/** One archive record (a RecordType entry) as the engine sees it. */
export interface RecordEntry {
  readonly type: string;
  readonly id: string;
  readonly unit: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Read-only archive records for the pure decide step, as `Directory` is for users: the server
 * hands over what it keeps (e.g. the holiday duty roster), the simulator a scenario's `records:`.
 * Decisions read it and never write it.
 */
export interface RecordsView {
  /** Records of `type` whose data equals every value of `match` (===), ordered by id. */
  find(type: string, match: Readonly<Record<string, unknown>>): readonly RecordEntry[];
}

export const NO_RECORDS: RecordsView = { find: () => [] };

export function createRecordsView(entries: readonly RecordEntry[]): RecordsView {
  const byType = new Map<string, RecordEntry[]>();
  for (const e of entries) byType.set(e.type, [...(byType.get(e.type) ?? []), e]);
  for (const list of byType.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    find: (type, match) =>
      (byType.get(type) ?? []).filter((r) => Object.entries(match).every(([k, v]) => r.data[k] === v)),
  };
}
