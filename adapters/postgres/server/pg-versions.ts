import type { PostgresConnection } from '../connection.ts';
import type { VersionStore } from '../../../ports/server-storage.ts';
import {
  DEFINITION_VERSION_INSERT_COLUMNS,
  type DefinitionVersionDbRow,
  definitionVersionOf,
  definitionVersionValuesOf,
} from '../../rows/definition-version-rows.ts';

const INSERT = `INSERT INTO sf_definition_versions (${DEFINITION_VERSION_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5) RETURNING seq`;

/**
 * Published definition versions in PostgreSQL (table sf_definition_versions); seq is the order of publication across
 * nodes.
 */
export function postgresVersions(db: PostgresConnection): VersionStore {
  return {
    async list() {
      const { rows } = await db.query<DefinitionVersionDbRow>(
        "SELECT seq, version, '[]' AS files, published_at, published_by, note FROM sf_definition_versions ORDER BY seq",
      );
      return rows.map((r) => {
        const { files: _files, ...rest } = definitionVersionOf(r);
        return rest;
      });
    },
    async get(seq) {
      const { rows } = await db.query<DefinitionVersionDbRow>('SELECT * FROM sf_definition_versions WHERE seq = $1', [
        seq,
      ]);
      return rows[0] && definitionVersionOf(rows[0]);
    },
    async latest() {
      const { rows } = await db.query<DefinitionVersionDbRow>(
        'SELECT * FROM sf_definition_versions ORDER BY seq DESC LIMIT 1',
      );
      return rows[0] && definitionVersionOf(rows[0]);
    },
    async distinct() {
      const { rows } = await db.query<DefinitionVersionDbRow>(
        'SELECT * FROM sf_definition_versions WHERE seq IN (SELECT min(seq) FROM sf_definition_versions GROUP BY version) ORDER BY seq',
      );
      return rows.map(definitionVersionOf);
    },
    async add(row) {
      const { rows } = await db.query<{ seq: number }>(INSERT, definitionVersionValuesOf(row));
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
        const { rows } = await client.query<{ seq: number }>(INSERT, definitionVersionValuesOf(row));
        return { ...row, seq: rows[0]!.seq };
      });
    },
  };
}
