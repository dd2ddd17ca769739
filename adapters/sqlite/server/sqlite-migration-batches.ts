import type Database from 'better-sqlite3';
import type { MigrationBatchRow, MigrationBatchStore } from '../../../server/storage/server-storage.ts';

interface Row {
  id: string;
  workflow: string;
  request: string;
  case_ids: string;
  started_by: string;
  started_at: number;
  finished_at: number | null;
  counts: string | null;
}

const rowOf = (r: Row): MigrationBatchRow => ({
  id: r.id,
  workflow: r.workflow,
  request: JSON.parse(r.request) as MigrationBatchRow['request'],
  caseIds: JSON.parse(r.case_ids) as string[],
  startedBy: r.started_by,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  counts: r.counts === null ? null : (JSON.parse(r.counts) as MigrationBatchRow['counts']),
});

export function sqliteMigrationBatches(db: Database.Database): MigrationBatchStore {
  const insert = db.prepare(
    'INSERT INTO sf_case_migrations (id, workflow, request, case_ids, started_by, started_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const get = db.prepare('SELECT * FROM sf_case_migrations WHERE id = ?');
  const list = db.prepare('SELECT * FROM sf_case_migrations ORDER BY started_at DESC, id DESC LIMIT ?');
  const unfinished = db.prepare('SELECT * FROM sf_case_migrations WHERE finished_at IS NULL ORDER BY started_at, id');
  const finish = db.prepare('UPDATE sf_case_migrations SET finished_at = ?, counts = ? WHERE id = ?');
  return {
    async add(row) {
      insert.run(
        row.id,
        row.workflow,
        JSON.stringify(row.request),
        JSON.stringify(row.caseIds),
        row.startedBy,
        row.startedAt,
      );
    },
    async get(id) {
      const r = get.get(id) as Row | undefined;
      return r && rowOf(r);
    },
    async list(limit) {
      return (list.all(limit) as Row[]).map(rowOf);
    },
    async unfinished() {
      return (unfinished.all() as Row[]).map(rowOf);
    },
    async finish(id, at, counts) {
      finish.run(at, JSON.stringify(counts), id);
    },
  };
}
