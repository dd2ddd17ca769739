import type Database from 'better-sqlite3';
import type { DefinitionVersionRow, VersionStore } from '../../../ports/server-storage.ts';
import {
  DEFINITION_VERSION_INSERT_COLUMNS,
  type DefinitionVersionDbRow,
  definitionVersionOf,
  definitionVersionValuesOf,
} from '../../rows/definition-version-rows.ts';

export function sqliteVersions(db: Database.Database): VersionStore {
  const list = db.prepare(
    "SELECT seq, version, '[]' AS files, published_at, published_by, note FROM sf_definition_versions ORDER BY seq",
  );
  const get = db.prepare('SELECT * FROM sf_definition_versions WHERE seq = ?');
  const latest = db.prepare('SELECT * FROM sf_definition_versions ORDER BY seq DESC LIMIT 1');
  const distinct = db.prepare(
    'SELECT * FROM sf_definition_versions WHERE seq IN (SELECT min(seq) FROM sf_definition_versions GROUP BY version) ORDER BY seq',
  );
  const insert = db.prepare(
    `INSERT INTO sf_definition_versions (${DEFINITION_VERSION_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?)`,
  );
  const lastSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM sf_definition_versions').pluck();
  const add = (row: Omit<DefinitionVersionRow, 'seq'>): DefinitionVersionRow => {
    const info = insert.run(definitionVersionValuesOf(row));
    return { ...row, seq: Number(info.lastInsertRowid) };
  };
  const addAfter = db.transaction((row: Omit<DefinitionVersionRow, 'seq'>, afterSeq: number) =>
    lastSeq.get() === afterSeq ? add(row) : null,
  );
  return {
    async list() {
      return (list.all() as DefinitionVersionDbRow[]).map((r) => {
        const { files: _files, ...rest } = definitionVersionOf(r);
        return rest;
      });
    },
    async get(seq) {
      const r = get.get(seq) as DefinitionVersionDbRow | undefined;
      return r && definitionVersionOf(r);
    },
    async latest() {
      const r = latest.get() as DefinitionVersionDbRow | undefined;
      return r && definitionVersionOf(r);
    },
    async distinct() {
      return (distinct.all() as DefinitionVersionDbRow[]).map(definitionVersionOf);
    },
    async add(row) {
      return add(row);
    },
    async addAfter(row, afterSeq) {
      return addAfter.immediate(row, afterSeq);
    },
  };
}
