/**
 * Rows of sf_case_migrations (case migration batches, issue 18) as both databases return them,
 * and the conversion both ways: request, case ids and counts are JSON text in both, times are
 * epoch milliseconds (column-values.ts).
 */
import type { MigrationBatchRow } from '../../ports/server-storage.ts';
import { millisOf } from './column-values.ts';

export interface MigrationBatchDbRow {
  id: string;
  workflow: string;
  request: string;
  case_ids: string;
  started_by: string;
  started_at: number | string;
  finished_at: number | string | null;
  counts: string | null;
}

export const migrationBatchOf = (r: MigrationBatchDbRow): MigrationBatchRow => ({
  id: r.id,
  workflow: r.workflow,
  request: JSON.parse(r.request) as MigrationBatchRow['request'],
  caseIds: JSON.parse(r.case_ids) as string[],
  startedBy: r.started_by,
  startedAt: millisOf(r.started_at),
  finishedAt: r.finished_at === null ? null : millisOf(r.finished_at),
  counts: r.counts === null ? null : (JSON.parse(r.counts) as MigrationBatchRow['counts']),
});

/** The columns a new batch writes (it is not finished yet), in this order. */
export const MIGRATION_BATCH_INSERT_COLUMNS = 'id, workflow, request, case_ids, started_by, started_at';

export const migrationBatchValuesOf = (row: MigrationBatchRow) => [
  row.id,
  row.workflow,
  JSON.stringify(row.request),
  JSON.stringify(row.caseIds),
  row.startedBy,
  row.startedAt,
];
