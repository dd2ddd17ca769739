/**
 * Rows of sf_records and sf_record_history as both databases return them, and their conversion to
 * the server's records: data is JSON text in both, times are epoch milliseconds (column-values.ts).
 */
import type { RecordRow, RecordVersionRow } from '../../ports/server-storage.ts';
import { millisOf } from './column-values.ts';

/** What a record is read with (sf_records has record_key and search_text besides, for lookups only). */
export const RECORD_COLUMNS = 'type, id, unit, data, version, created_at, updated_at, created_by, updated_by';

export interface RecordDbRow {
  type: string;
  id: string;
  unit: string;
  data: string;
  version: number;
  created_at: number | string;
  updated_at: number | string;
  created_by: string;
  updated_by: string;
}

export const recordOf = (r: RecordDbRow): RecordRow => ({
  type: r.type,
  id: r.id,
  unit: r.unit,
  data: JSON.parse(r.data) as Record<string, unknown>,
  version: r.version,
  createdAt: millisOf(r.created_at),
  updatedAt: millisOf(r.updated_at),
  createdBy: r.created_by,
  updatedBy: r.updated_by,
});

export const RECORD_VERSION_COLUMNS = 'version, data, at, by, note';

export interface RecordVersionDbRow {
  version: number;
  data: string;
  at: number | string;
  by: string;
  note: string | null;
}

export const recordVersionOf = (r: RecordVersionDbRow): RecordVersionRow => ({
  version: r.version,
  data: JSON.parse(r.data) as Record<string, unknown>,
  at: millisOf(r.at),
  by: r.by,
  note: r.note,
});
