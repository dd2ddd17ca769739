/**
 * listCases on PostgreSQL: the same filters and order as the SQLite and memory stores, newest
 * first by (updated_at, id) with ids in byte order (the columns are COLLATE "C"), pages continuing
 * strictly after the cursor's key (list-cursor.ts). One query per page, records read with their
 * keys; the recency indexes (over every case, per unit, per customer) serve the order.
 */
import type { CaseRecord } from '../../../engine/runtime/case-record.ts';
import { decodeCursor, encodeCursor, listLimit } from '../../../engine/store/list-cursor.ts';
import type { CaseQuery } from '../../../engine/store/store.ts';

export function listCasesQuery(query: CaseQuery, limit: number): { text: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (query.workflow !== undefined) where.push(`workflow = ${param(query.workflow)}`);
  if (query.state !== undefined) {
    // A leaf path or a prefix of one: "handling" matches "handling.hq", which sorts between
    // "handling." and "handling/" ('/' follows '.') in byte order.
    where.push(
      `EXISTS (SELECT 1 FROM unnest(active_states) AS s WHERE s = ${param(query.state)} OR (s >= ${param(`${query.state}.`)} AND s < ${param(`${query.state}/`)}))`,
    );
  }
  if (query.units !== undefined) where.push(`unit = ANY(${param([...new Set(query.units)])}::text[])`);
  if (query.customerUser !== undefined) where.push(`customer_user = ${param(query.customerUser)}`);
  if (query.involving !== undefined) {
    const who = param(query.involving);
    where.push(`(owner = ${who} OR assignee = ${who} OR ${who} = ANY(watchers))`);
  }
  if (query.overdueAt !== undefined) where.push(`next_deadline < ${param(query.overdueAt)}`);
  if (query.text) where.push(`strpos(search_text, ${param(query.text.toLowerCase())}) > 0`);
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    where.push(`(updated_at, id) < (${param(after.updatedAt)}, ${param(after.id)})`);
  }
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return {
    text: `SELECT updated_at, id, record FROM cases ${filter} ORDER BY updated_at DESC, id DESC LIMIT ${param(limit)}`,
    values,
  };
}

export async function listCasesPage(
  run: (text: string, values: unknown[]) => Promise<{ updated_at: number; id: string; record: string }[]>,
  query: CaseQuery,
): Promise<{ items: CaseRecord[]; next: string | null }> {
  const limit = listLimit(query.limit);
  if (query.units !== undefined && query.units.length === 0) return { items: [], next: null };
  // One row more than the page tells whether there is a next page.
  const { text, values } = listCasesQuery(query, limit + 1);
  const rows = await run(text, values);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => JSON.parse(row.record) as CaseRecord),
    next: rows.length > limit && last ? encodeCursor({ updatedAt: last.updated_at, id: last.id }) : null,
  };
}
