import type Database from 'better-sqlite3';
import type { DefinitionVersionRow, VersionStore } from '../../../server/storage/server-storage.ts';

interface Row {
  seq: number;
  version: string;
  files: string;
  published_at: number;
  published_by: string;
  note: string | null;
}

const rowOf = (r: Row): DefinitionVersionRow => ({
  seq: r.seq,
  version: r.version,
  files: JSON.parse(r.files) as DefinitionVersionRow['files'],
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  note: r.note,
});

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
    'INSERT INTO sf_definition_versions (version, files, published_at, published_by, note) VALUES (?, ?, ?, ?, ?)',
  );
  const lastSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM sf_definition_versions').pluck();
  const add = (row: Omit<DefinitionVersionRow, 'seq'>): DefinitionVersionRow => {
    const info = insert.run(row.version, JSON.stringify(row.files), row.publishedAt, row.publishedBy, row.note);
    return { ...row, seq: Number(info.lastInsertRowid) };
  };
  const addAfter = db.transaction((row: Omit<DefinitionVersionRow, 'seq'>, afterSeq: number) =>
    lastSeq.get() === afterSeq ? add(row) : null,
  );
  return {
    async list() {
      return (list.all() as Row[]).map((r) => {
        const { files: _files, ...rest } = rowOf(r);
        return rest;
      });
    },
    async get(seq) {
      const r = get.get(seq) as Row | undefined;
      return r && rowOf(r);
    },
    async latest() {
      const r = latest.get() as Row | undefined;
      return r && rowOf(r);
    },
    async distinct() {
      return (distinct.all() as Row[]).map(rowOf);
    },
    async add(row) {
      return add(row);
    },
    async addAfter(row, afterSeq) {
      return addAfter.immediate(row, afterSeq);
    },
  };
}
