import type { CaseQuery, User } from '../api/types.ts';
import type { WorklistPrefs } from './worklist-prefs.ts';
import type { WorklistSort } from './worklist-sort.ts';

/** Rows the worklist asks for at a time. */
export const WORKLIST_PAGE_SIZE = 50;

/** What the worklist is filtered and sorted by (the element's properties of the same names). */
export interface WorklistFilters {
  readonly scope: 'mine' | 'unit';
  readonly workflow: string;
  readonly state: string;
  readonly q: string;
  readonly overdue: boolean;
  readonly sort: WorklistSort | undefined;
}

/** A worklist nobody has filtered: my cases, every workflow and state, the worklist's own order. */
export const UNFILTERED: WorklistFilters = {
  scope: 'mine',
  workflow: '',
  state: '',
  q: '',
  overdue: false,
  sort: undefined,
};

/**
 * The filters a person's worklist opens with: those the host set, and where it set none, what the
 * person left remembered on this device. A customer has no unit scope.
 */
export function openingFilters(user: User, prefs: WorklistPrefs, host: WorklistFilters = UNFILTERED): WorklistFilters {
  return {
    scope: prefs.scope && !user.customer && host.scope === 'mine' ? prefs.scope : host.scope,
    workflow: prefs.workflow !== undefined && !host.workflow ? prefs.workflow : host.workflow,
    state: prefs.state !== undefined && !host.state ? prefs.state : host.state,
    q: prefs.q !== undefined && !host.q ? prefs.q : host.q,
    overdue: prefs.overdue !== undefined && !host.overdue ? prefs.overdue : host.overdue,
    sort: prefs.sort && !host.sort ? prefs.sort : host.sort,
  };
}

/** The query GET /api/cases is sent for these filters: the same for the list and for the app that asks ahead of it. */
export function worklistQuery(
  filters: WorklistFilters,
  user: User | undefined,
  pageSize: number,
  cursor?: string,
): CaseQuery {
  return {
    ...(filters.workflow ? { workflow: filters.workflow } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
    ...(filters.scope === 'unit' && user ? { unit: user.actingUnit ?? user.unit } : {}),
    limit: pageSize,
    ...(cursor ? { cursor } : {}),
  };
}
