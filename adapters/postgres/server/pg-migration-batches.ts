import type { PostgresConnection } from '../connection.ts';
import type { MigrationBatchRow, MigrationBatchStore } from '../../../server/storage/server-storage.ts';

interface Row {
  id: string;
  workflow: string;
  request: string;
  case_ids: string;
  started_by: string;
  started_at: string;
  finished_at: string | null;
  counts: string | null;
}

const rowOf = (r: Row): MigrationBatchRow => ({
  id: r.id,
  workflow: r.workflow,
  request: JSON.parse(r.request) as MigrationBatchRow['request'],
  caseIds: JSON.parse(r.case_ids) as string[],
  startedBy: r.started_by,
  startedAt: Number(r.started_at),
  finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  counts: r.counts === null ? null : (JSON.parse(r.counts) as MigrationBatchRow['counts']),
});

/** Case migration batches in PostgreSQL (table sf_case_migrations), as sqlite-migration-batches.ts. */
export function postgresMigrationBatches(db: PostgresConnection): MigrationBatchStore {
  return {
    async add(row) {
      await db.query(
        'INSERT INTO sf_case_migrations (id, workflow, request, case_ids, started_by, started_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [row.id, row.workflow, JSON.stringify(row.request), JSON.stringify(row.caseIds), row.startedBy, row.startedAt],
      );
    },
    async get(id) {
      const { rows } = await db.query<Row>('SELECT * FROM sf_case_migrations WHERE id = $1', [id]);
      return rows[0] && rowOf(rows[0]);
    },
    async list(limit) {
      const { rows } = await db.query<Row>(
        'SELECT * FROM sf_case_migrations ORDER BY started_at DESC, id DESC LIMIT $1',
        [limit],
      );
      return rows.map(rowOf);
    },
    async unfinished() {
      const { rows } = await db.query<Row>(
        'SELECT * FROM sf_case_migrations WHERE finished_at IS NULL ORDER BY started_at, id',
      );
      return rows.map(rowOf);
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
