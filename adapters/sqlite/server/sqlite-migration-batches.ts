import type Database from 'better-sqlite3';
import type { MigrationBatchStore } from '../../../ports/server-storage.ts';
import {
  MIGRATION_BATCH_INSERT_COLUMNS,
  type MigrationBatchDbRow,
  migrationBatchOf,
  migrationBatchValuesOf,
} from '../../rows/migration-batch-rows.ts';

export function sqliteMigrationBatches(db: Database.Database): MigrationBatchStore {
  const insert = db.prepare(
    `INSERT INTO sf_case_migrations (${MIGRATION_BATCH_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const get = db.prepare('SELECT * FROM sf_case_migrations WHERE id = ?');
  const list = db.prepare('SELECT * FROM sf_case_migrations ORDER BY started_at DESC, id DESC LIMIT ?');
  const unfinished = db.prepare('SELECT * FROM sf_case_migrations WHERE finished_at IS NULL ORDER BY started_at, id');
  const finish = db.prepare('UPDATE sf_case_migrations SET finished_at = ?, counts = ? WHERE id = ?');
  return {
    async add(row) {
      insert.run(migrationBatchValuesOf(row));
    },
    async get(id) {
      const r = get.get(id) as MigrationBatchDbRow | undefined;
      return r && migrationBatchOf(r);
    },
    async list(limit) {
      return (list.all(limit) as MigrationBatchDbRow[]).map(migrationBatchOf);
    },
    async unfinished() {
      return (unfinished.all() as MigrationBatchDbRow[]).map(migrationBatchOf);
    },
    async finish(id, at, counts) {
      finish.run(at, JSON.stringify(counts), id);
    },
  };
}
