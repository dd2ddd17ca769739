import type { PostgresConnection } from '../connection.ts';
import type { MigrationBatchStore } from '../../../ports/server-storage.ts';
import {
  MIGRATION_BATCH_INSERT_COLUMNS,
  type MigrationBatchDbRow,
  migrationBatchOf,
  migrationBatchValuesOf,
} from '../../rows/migration-batch-rows.ts';

/** Case migration batches in PostgreSQL (table sf_case_migrations), as sqlite-migration-batches.ts. */
export function postgresMigrationBatches(db: PostgresConnection): MigrationBatchStore {
  return {
    async add(row) {
      await db.query(
        `INSERT INTO sf_case_migrations (${MIGRATION_BATCH_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`,
        migrationBatchValuesOf(row),
      );
    },
    async get(id) {
      const { rows } = await db.query<MigrationBatchDbRow>('SELECT * FROM sf_case_migrations WHERE id = $1', [id]);
      return rows[0] && migrationBatchOf(rows[0]);
    },
    async list(limit) {
      const { rows } = await db.query<MigrationBatchDbRow>(
        'SELECT * FROM sf_case_migrations ORDER BY started_at DESC, id DESC LIMIT $1',
        [limit],
      );
      return rows.map(migrationBatchOf);
    },
    async unfinished() {
      const { rows } = await db.query<MigrationBatchDbRow>(
        'SELECT * FROM sf_case_migrations WHERE finished_at IS NULL ORDER BY started_at, id',
      );
      return rows.map(migrationBatchOf);
    },
    async finish(id, at, counts) {
      await db.query('UPDATE sf_case_migrations SET finished_at = $1, counts = $2 WHERE id = $3', [
        at,
        JSON.stringify(counts),
        id,
      ]);
    },
  };
}
