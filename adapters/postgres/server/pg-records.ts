import type { PostgresConnection } from '../connection.ts';
import type { RecordStore } from '../../../ports/server-storage.ts';
import {
  RECORD_COLUMNS,
  type RecordDbRow,
  RECORD_VERSION_COLUMNS,
  type RecordVersionDbRow,
  recordOf,
  recordVersionOf,
} from '../../rows/record-rows.ts';
import { uniqueViolation } from './unique-violation.ts';

/** A put that lost a race to another node: the version it expected, or the key it claims, was taken meanwhile. */
class Lost extends Error {
  constructor(readonly outcome: 'duplicate' | 'stale') {
    super(outcome);
  }
}

/**
 * Archive records and their history in PostgreSQL (sf_records, sf_record_history); the same behaviour as sqliteRecords.
 */
export function postgresRecords(db: PostgresConnection): RecordStore {
  return {
    async get(type, id) {
      const { rows } = await db.query<RecordDbRow>(
        `SELECT ${RECORD_COLUMNS} FROM sf_records WHERE type = $1 AND id = $2`,
        [type, id],
      );
      return rows[0] && recordOf(rows[0]);
    },
    async findByKey(type, key) {
      const { rows } = await db.query<RecordDbRow>(
        `SELECT ${RECORD_COLUMNS} FROM sf_records WHERE type = $1 AND record_key = $2`,
        [type, key],
      );
      return rows[0] && recordOf(rows[0]);
    },
    async search(q) {
      const values: unknown[] = [q.type];
      const where = ['type = $1'];
      const param = (value: unknown) => {
        values.push(value);
        return `$${values.length}`;
      };
      if (q.units) where.push(`unit = ANY(${param(q.units)}::text[])`);
      if (q.text) where.push(`strpos(search_text, ${param(q.text.toLowerCase())}) > 0`);
      if (q.after) where.push(`id > ${param(q.after)}`);
      const { rows } = await db.query<RecordDbRow>(
        `SELECT ${RECORD_COLUMNS} FROM sf_records WHERE ${where.join(' AND ')} ORDER BY id LIMIT ${param(q.limit)}`,
        values,
      );
      return rows.map(recordOf);
    },
    async put(row, key, searchText, note, expectedVersion) {
      try {
        return await db.transaction(async (client) => {
          // The row is locked for the rest of the transaction: a put from another node waits, then sees this version.
          const current = await client.query<{ version: number }>(
            'SELECT version FROM sf_records WHERE type = $1 AND id = $2 FOR UPDATE',
            [row.type, row.id],
          );
          if ((current.rows[0]?.version ?? 0) !== expectedVersion) return 'stale' as const;
          if (key !== null) {
            const holder = await client.query<{ id: string }>(
              'SELECT id FROM sf_records WHERE type = $1 AND record_key = $2',
              [row.type, key],
            );
            if (holder.rows[0] && holder.rows[0].id !== row.id) return 'duplicate' as const;
          }
          const data = JSON.stringify(row.data);
          try {
            await client.query(
              `INSERT INTO sf_records (type, id, unit, data, version, record_key, search_text, created_at, updated_at, created_by, updated_by)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
               ON CONFLICT (type, id) DO UPDATE SET unit = excluded.unit, data = excluded.data, version = excluded.version, record_key = excluded.record_key,
                 search_text = excluded.search_text, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
              [
                row.type,
                row.id,
                row.unit,
                data,
                row.version,
                key,
                searchText,
                row.createdAt,
                row.updatedAt,
                row.createdBy,
                row.updatedBy,
              ],
            );
            await client.query(
              'INSERT INTO sf_record_history (type, id, version, data, at, by, note) VALUES ($1, $2, $3, $4, $5, $6, $7)',
              [row.type, row.id, row.version, data, row.updatedAt, row.updatedBy, note],
            );
          } catch (error) {
            // A new record (nothing to lock yet) or a key written by another node in the meantime.
            const constraint = uniqueViolation(error);
            if (constraint === 'sf_records_by_key') throw new Lost('duplicate');
            if (constraint !== null) throw new Lost('stale');
            throw error;
          }
          return 'ok' as const;
        });
      } catch (error) {
        if (error instanceof Lost) return error.outcome;
        throw error;
      }
    },
    async history(type, id) {
      const { rows } = await db.query<RecordVersionDbRow>(
        `SELECT ${RECORD_VERSION_COLUMNS} FROM sf_record_history WHERE type = $1 AND id = $2 ORDER BY version`,
        [type, id],
      );
      return rows.map(recordVersionOf);
    },
    async casesOf(type, id) {
      const { rows } = await db.query<{ case_id: string }>(
        'SELECT case_id FROM sf_case_records WHERE type = $1 AND record_id = $2 ORDER BY case_id DESC',
        [type, id],
      );
      return rows.map((r) => r.case_id);
    },
  };
}
