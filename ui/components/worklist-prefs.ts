import { isSortColumn, type WorklistSort } from './worklist-sort.ts';

/** The worklist's filters and sort as one person left them (issue 15, item 8). */
export interface WorklistPrefs {
  readonly scope?: 'mine' | 'unit';
  readonly workflow?: string;
  readonly state?: string;
  readonly q?: string;
  readonly overdue?: boolean;
  readonly sort?: WorklistSort;
}

const PREFIX = 'serviceframe-worklist:';

/**
 * Remembered per person on this device (localStorage, under their username), so whoever logs in
 * next on a shared counter computer finds their own filters, not the last person's. Anything
 * unreadable (another version's shape, a full or disabled storage) reads as nothing remembered.
 */
export function readPrefs(username: string, storage: Storage | undefined = globalThis.localStorage): WorklistPrefs {
  try {
    const raw = storage?.getItem(PREFIX + username);
    if (!raw) return {};
    const v = JSON.parse(raw) as Record<string, unknown>;
    const sort = v['sort'] as Record<string, unknown> | undefined;
    return {
      ...(v['scope'] === 'mine' || v['scope'] === 'unit' ? { scope: v['scope'] } : {}),
      ...(typeof v['workflow'] === 'string' ? { workflow: v['workflow'] } : {}),
      ...(typeof v['state'] === 'string' ? { state: v['state'] } : {}),
      ...(typeof v['q'] === 'string' ? { q: v['q'] } : {}),
      ...(typeof v['overdue'] === 'boolean' ? { overdue: v['overdue'] } : {}),
      ...(sort &&
      isSortColumn(sort['column']) &&
      (sort['direction'] === 'ascending' || sort['direction'] === 'descending')
        ? { sort: { column: sort['column'], direction: sort['direction'] } }
        : {}),
    };
  } catch {
    return {};
  }
}

export function writePrefs(
  username: string,
  prefs: WorklistPrefs,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(PREFIX + username, JSON.stringify(prefs));
  } catch {
    // A full or disabled storage only means the filters are not remembered.
  }
}
