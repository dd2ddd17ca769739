import type Database from 'better-sqlite3';
import type { CaseRecord } from '../../../engine/runtime/case-record.ts';
import { compareBinary } from '../../../engine/store/binary-order.ts';
import { listCasesSql } from './list-cases-sql.ts';
import { decodeCursor, encodeCursor, type ListKey, listLimit } from '../../../engine/store/list-cursor.ts';
import type { CaseQuery, Store } from '../../../engine/store/store.ts';

/**
 * SQLite's listCases, newest first by (updated_at, id). A customer's cases come from their own
 * index in one range. Otherwise each unit in the query (or every unit that has cases) is one range
 * of cases_by_unit, read in order up to a page, and the ranges are merged here: a page over
 * twenty units reads at most twenty short ranges, never every case of those units to sort them.
 * Only keys are read while merging; the records of the page are read last, by id, with the
 * store's own `recordOf` (a case's record by id, plucked), not a second statement of the same SQL.
 */
export function sqliteListCases(db: Database.Database, recordOf: Database.Statement): Store['listCases'] {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const allUnits = db.prepare('SELECT unit FROM case_units').pluck();

  return async (query: CaseQuery) => {
    const limit = listLimit(query.limit);
    if (query.units !== undefined && query.units.length === 0) return { items: [], next: null };
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    // One key more than the page tells whether there is a next page.
    const range = (q: CaseQuery & { unit?: string }) => {
      const { sql, params } = listCasesSql(q, after, limit + 1);
      return prepared(sql).all(params) as ListKey[];
    };
    let keys: ListKey[];
    if (query.customerUser !== undefined) {
      keys = range(query);
    } else {
      const { units, ...rest } = query;
      const all = units === undefined ? (allUnits.all() as string[]) : [...new Set(units)];
      keys = all.flatMap((unit) => range({ ...rest, unit }));
      if (all.length > 1) keys = keys.sort(newestFirst).slice(0, limit + 1);
    }
    const page = keys.slice(0, limit);
    const items = page.map((key) => JSON.parse(recordOf.get(key.id) as string) as CaseRecord);
    const last = page.at(-1);
    return { items, next: keys.length > limit && last ? encodeCursor(last) : null };
  };
}

/** (updatedAt DESC, id DESC), ids compared as SQLite's BINARY collation compares them. */
function newestFirst(a: ListKey, b: ListKey): number {
  return b.updatedAt - a.updatedAt || compareBinary(b.id, a.id);
}
