/**
 * Rows of sf_definition_versions as both databases return them, and the conversion both ways: the
 * files are JSON text in both, times are epoch milliseconds (column-values.ts).
 */
import type { DefinitionVersionRow } from '../../ports/server-storage.ts';
import { millisOf } from './column-values.ts';

export interface DefinitionVersionDbRow {
  seq: number;
  version: string;
  files: string;
  published_at: number | string;
  published_by: string;
  note: string | null;
}

export const definitionVersionOf = (r: DefinitionVersionDbRow): DefinitionVersionRow => ({
  seq: r.seq,
  version: r.version,
  files: JSON.parse(r.files) as DefinitionVersionRow['files'],
  publishedAt: millisOf(r.published_at),
  publishedBy: r.published_by,
  note: r.note,
});

/** The columns a publication writes (seq is the database's), in this order. */
export const DEFINITION_VERSION_INSERT_COLUMNS = 'version, files, published_at, published_by, note';

export const definitionVersionValuesOf = (row: Omit<DefinitionVersionRow, 'seq'>) => [
  row.version,
  JSON.stringify(row.files),
  row.publishedAt,
  row.publishedBy,
  row.note,
];
