import type { PostgresConnection } from '../connection.ts';
import type { DefinitionVersionRow, VersionStore } from '../../../server/storage/server-storage.ts';

interface Row {
  seq: number;
  version: string;
  files: string;
  published_at: string;
  published_by: string;
  note: string | null;
}

const rowOf = (r: Row): DefinitionVersionRow => ({
  seq: r.seq,
  version: r.version,
  files: JSON.parse(r.files) as DefinitionVersionRow['files'],
  publishedAt: Number(r.published_at),
  publishedBy: r.published_by,
  note: r.note,
});

const INSERT =
  'INSERT INTO sf_definition_versions (version, files, published_at, published_by, note) VALUES ($1, $2, $3, $4, $5) RETURNING seq';
const valuesOf = (row: Omit<DefinitionVersionRow, 'seq'>) => [
  row.version,
  JSON.stringify(row.files),
  row.publishedAt,
  row.publishedBy,
  row.note,
];

/**
 * Published definition versions in PostgreSQL (table sf_definition_versions); seq is the order of publication across
 * nodes.
 */
export function postgresVersions(db: PostgresConnection): VersionStore {
  return {
    async list() {
      const { rows } = await db.query<Row>(
        "SELECT seq, version, '[]' AS files, published_at, published_by, note FROM sf_definition_versions ORDER BY seq",
      );
      return rows.map((r) => {
        const { files: _files, ...rest } = rowOf(r);
        return rest;
      });
    },
    async get(seq) {
      const { rows } = await db.query<Row>('SELECT * FROM sf_definition_versions WHERE seq = $1', [seq]);
      return rows[0] && rowOf(rows[0]);
    },
    async latest() {
      const { rows } = await db.query<Row>('SELECT * FROM sf_definition_versions ORDER BY seq DESC LIMIT 1');
      return rows[0] && rowOf(rows[0]);
    },
    async distinct() {
      const { rows } = await db.query<Row>(
        'SELECT * FROM sf_definition_versions WHERE seq IN (SELECT min(seq) FROM sf_definition_versions GROUP BY version) ORDER BY seq',
      );
      return rows.map(rowOf);
    },
    async add(row) {
      const { rows } = await db.query<{ seq: number }>(INSERT, valuesOf(row));
      return { ...row, seq: rows[0]!.seq };
    },
    addAfter(row, afterSeq) {
      return db.transaction(async (client) => {
        // Publications from every node queue here; reads of the versions go on meanwhile.
        await client.query('LOCK TABLE sf_definition_versions IN EXCLUSIVE MODE');
        const last = await client.query<{ seq: number }>(
          'SELECT coalesce(max(seq), 0) AS seq FROM sf_definition_versions',
        );
        if (last.rows[0]!.seq !== afterSeq) return null;
        const { rows } = await client.query<{ seq: number }>(INSERT, valuesOf(row));
        return { ...row, seq: rows[0]!.seq };
      });
    },
  };
}
