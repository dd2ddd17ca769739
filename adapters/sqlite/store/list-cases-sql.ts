import type { ListKey } from '../../../engine/store/list-cursor.ts';
import type { CaseQuery } from '../../../engine/store/store.ts';

/**
 * The SELECT behind one range of SQLite's listCases: the keys (updated_at, id), newest first, of
 * the cases of one unit (`unit`), or of one customer (`customerUser`, with `units` as a filter).
 * There is no recency index over every case (every event would rewrite an entry in it), so a list
 * over several units, or all of them, reads each unit's range of cases_by_unit and merges them
 * (sqlite-list-cases.ts). Parameters are named and a units list is one JSON parameter, so the SQL
 * text depends only on which filters are present: each shape is prepared once. Exported so a
 * test can EXPLAIN it.
 */
export function listCasesSql(
  query: CaseQuery & { unit?: string },
  after: ListKey | undefined,
  limit: number,
): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit };
  if (query.workflow !== undefined) {
    where.push('workflow = @workflow');
    params.workflow = query.workflow;
  }
  if (query.state !== undefined) {
    // A leaf path or a prefix of one: "handling" matches "handling.hq", which sorts between
    // "handling." and "handling/" ('/' follows '.') under SQLite's binary text order.
    where.push(
      'EXISTS (SELECT 1 FROM json_each(cases.active_states) WHERE value = @state OR (value >= @stateFrom AND value < @stateTo))',
    );
    Object.assign(params, { state: query.state, stateFrom: `${query.state}.`, stateTo: `${query.state}/` });
  }
  if (query.unit !== undefined) {
    // One unit's range of cases_by_unit, read in order with no sort.
    where.push('unit = @unit');
    params.unit = query.unit;
  } else if (query.units !== undefined) {
    where.push('unit IN (SELECT value FROM json_each(@units))');
    params.units = JSON.stringify(query.units);
  }
  if (query.customerUser !== undefined) {
    where.push('customer_user = @customerUser');
    params.customerUser = query.customerUser;
  }
  if (query.involving !== undefined) {
    where.push(
      '(owner = @involving OR assignee = @involving OR EXISTS (SELECT 1 FROM json_each(cases.watchers) WHERE value = @involving))',
    );
    params.involving = query.involving;
  }
  if (query.overdueAt !== undefined) {
    where.push('next_deadline < @overdueAt');
    params.overdueAt = query.overdueAt;
  }
  if (query.text) {
    where.push('instr(search_text, @text) > 0');
    params.text = query.text.toLowerCase();
  }
  if (after !== undefined) {
    where.push('(updated_at, id) < (@afterUpdatedAt, @afterId)');
    Object.assign(params, { afterUpdatedAt: after.updatedAt, afterId: after.id });
  }
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return {
    sql: `SELECT updated_at AS updatedAt, id FROM cases ${filter} ORDER BY updated_at DESC, id DESC LIMIT @limit`,
    params,
  };
}
