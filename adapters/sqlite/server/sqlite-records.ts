import type Database from 'better-sqlite3';
import type { RecordRow, RecordStore } from '../../../ports/server-storage.ts';
import {
  type RecordDbRow,
  RECORD_VERSION_COLUMNS,
  type RecordVersionDbRow,
  recordOf,
  recordVersionOf,
} from '../../rows/record-rows.ts';

export function sqliteRecords(db: Database.Database): RecordStore {
  const get = db.prepare('SELECT * FROM sf_records WHERE type = ? AND id = ?');
  const byKey = db.prepare('SELECT * FROM sf_records WHERE type = ? AND record_key = ?');
  const version = db.prepare('SELECT version FROM sf_records WHERE type = ? AND id = ?').pluck();
  const upsert =
    db.prepare(`INSERT INTO sf_records (type, id, unit, data, version, record_key, search_text, created_at, updated_at, created_by, updated_by)
    VALUES (@type, @id, @unit, @data, @version, @key, @searchText, @createdAt, @updatedAt, @createdBy, @updatedBy)
    ON CONFLICT (type, id) DO UPDATE SET unit = excluded.unit, data = excluded.data, version = excluded.version, record_key = excluded.record_key,
      search_text = excluded.search_text, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  const append = db.prepare(
    'INSERT INTO sf_record_history (type, id, version, data, at, by, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const history = db.prepare(
    `SELECT ${RECORD_VERSION_COLUMNS} FROM sf_record_history WHERE type = ? AND id = ? ORDER BY version`,
  );
  const cases = db
    .prepare('SELECT case_id FROM sf_case_records WHERE type = ? AND record_id = ? ORDER BY case_id DESC')
    .pluck();
  const searches = new Map<string, Database.Statement>();

  const put = db.transaction(
    (
      row: RecordRow,
      key: string | null,
      searchText: string,
      note: string | null,
      expected: number,
    ): 'ok' | 'duplicate' | 'stale' => {
      const current = (version.get(row.type, row.id) as number | undefined) ?? 0;
      if (current !== expected) return 'stale';
      if (key !== null) {
        const holder = byKey.get(row.type, key) as RecordDbRow | undefined;
        if (holder && holder.id !== row.id) return 'duplicate';
      }
      upsert.run({ ...row, data: JSON.stringify(row.data), key, searchText });
      append.run(row.type, row.id, row.version, JSON.stringify(row.data), row.updatedAt, row.updatedBy, note);
      return 'ok';
    },
  );

  return {
    async get(type, id) {
      const r = get.get(type, id) as RecordDbRow | undefined;
      return r && recordOf(r);
    },
    async findByKey(type, key) {
      const r = byKey.get(type, key) as RecordDbRow | undefined;
      return r && recordOf(r);
    },
    async search(q) {
      const where = ['type = @type'];
      if (q.units) where.push('unit IN (SELECT value FROM json_each(@units))');
      if (q.text) where.push('instr(search_text, @text) > 0');
      if (q.after) where.push('id > @after');
      const sql = `SELECT * FROM sf_records WHERE ${where.join(' AND ')} ORDER BY id LIMIT @limit`;
      let s = searches.get(sql);
      if (!s) searches.set(sql, (s = db.prepare(sql)));
      const params: Record<string, unknown> = { type: q.type, limit: q.limit };
      if (q.units) params.units = JSON.stringify(q.units);
      if (q.text) params.text = q.text.toLowerCase();
      if (q.after) params.after = q.after;
      return (s.all(params) as RecordDbRow[]).map(recordOf);
    },
    async put(row, key, searchText, note, expectedVersion) {
      return put.immediate(row, key, searchText, note, expectedVersion);
    },
    async history(type, id) {
      return (history.all(type, id) as RecordVersionDbRow[]).map(recordVersionOf);
    },
    async casesOf(type, id) {
      return cases.all(type, id) as string[];
    },
  };
}
