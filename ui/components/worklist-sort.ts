/**
 * Sorting the worklist by one of its columns (issue 15, item 8). Each column says how to read a
 * comparable key from a row; text compares by the reader's language (pinyin order for Chinese
 * in zh-CN), numbers and times as numbers, and rows without a value go last either way.
 */
export const SORT_COLUMNS = [
  'case',
  'summary',
  'workflow',
  'state',
  'unit',
  'assignee',
  'deadline',
  'updated',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface WorklistSort {
  readonly column: SortColumn;
  readonly direction: SortDirection;
}

export const isSortColumn = (value: unknown): value is SortColumn => SORT_COLUMNS.includes(value as SortColumn);

/** Clicking a column: sorts by it ascending, a second click descending, a third back to the worklist's own order. */
export function nextSort(current: WorklistSort | undefined, column: SortColumn): WorklistSort | undefined {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : undefined;
}

type Key = string | number | undefined;

/** A comparator over rows by the key `keyOf` reads for the sorted column; ties keep `fallback`'s order. */
export function sortRows<T>(
  rows: readonly T[],
  sort: WorklistSort,
  keyOf: (row: T, column: SortColumn) => Key,
  locale: string,
  fallback: (a: T, b: T) => number,
): T[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, key: keyOf(row, sort.column) }));
  keyed.sort((a, b) => {
    const missingA = a.key === undefined || a.key === '';
    const missingB = b.key === undefined || b.key === '';
    if (missingA || missingB) return missingA === missingB ? fallback(a.row, b.row) : missingA ? 1 : -1;
    const order =
      typeof a.key === 'number' && typeof b.key === 'number'
        ? a.key - b.key
        : collator.compare(String(a.key), String(b.key));
    return order === 0 ? fallback(a.row, b.row) : sign * order;
  });
  return keyed.map((k) => k.row);
}
