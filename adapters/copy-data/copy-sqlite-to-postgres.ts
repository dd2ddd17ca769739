/**
 * `serviceframe copy-data --from FILE --to URL`: moves an SQLite installation into an empty
 * PostgreSQL database, every table (the engine's and the server's), in one transaction: a copy that
 * fails leaves the target as empty as it was. The one place that uses both adapters, so it stands
 * beside them: neither adapters/sqlite/ nor adapters/postgres/ imports the other.
 *
 * - The source is read from a backup of the file taken first (SQLite's online backup, so a server
 *   may keep running on it), migrated to this code's schema like any file this code opens.
 * - The target must be empty: a table of the current schema holding any row refuses the copy.
 * - Tables are copied by column name, each value converted to the target column's type (0/1 to
 *   boolean, JSON arrays to text arrays); SQLite-only columns (event positions' links, running day
 *   anchors) are left behind and what PostgreSQL keeps instead is computed: each case's last event
 *   hash, every day's anchor (the SQLite store's own reading of them), the event tail. Events keep
 *   their positions, so the day anchors fold the same order and the copy passes `audit verify`.
 * - A source table the target has no table for stops the copy before anything is written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { anchorDayOf } from '../../engine/store/event-hash.ts';
import { migrate } from '../sqlite/store/migrations.ts';
import { prepareDayAnchors } from '../sqlite/store/sqlite-day-anchors.ts';
import { migrateServer } from '../sqlite/server/server-migrations.ts';
import { openPostgres, type PostgresConnection } from '../postgres/connection.ts';
import { migratePostgresEngine } from '../postgres/engine-migrations.ts';
import { migratePostgresServer } from '../postgres/server-migrations.ts';

/** Tables only SQLite has, and why nothing is lost by leaving them. */
const SQLITE_ONLY: Record<string, string> = {
  migrations: 'its own schema count (PostgreSQL keeps its own)',
  sf_migrations: 'its own schema count (PostgreSQL keeps its own)',
  meta: 'unused',
  case_units: 'an index of the units that have cases, derived from cases',
  day_anchors: 'copied through the SQLite store’s reading of every day’s anchor',
  sqlite_sequence: 'SQLite’s own AUTOINCREMENT counters',
};
/** Target tables the copy fills itself rather than from a table of the same name. */
const COMPUTED = new Set(['migrations', 'sf_migrations', 'event_tail', 'day_anchors']);
const CHUNK = 2000;

export class CopyRefusedError extends Error {
  readonly code = 'COPY_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'CopyRefusedError';
  }
}

export interface CopyReport {
  readonly tables: { readonly name: string; readonly rows: number }[];
}

interface TargetColumn {
  readonly name: string;
  /** format_type, e.g. "bigint", "text[]", "boolean". */
  readonly type: string;
  readonly identity: boolean;
}

export async function copySqliteToPostgres(
  file: string,
  url: string,
  progress: (line: string) => void = () => {},
): Promise<CopyReport> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-copy-'));
  let conn: PostgresConnection | undefined;
  try {
    const snapshot = join(dir, 'source.sqlite');
    const original = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await original.backup(snapshot);
    } finally {
      original.close();
    }
    const source = new Database(snapshot);
    try {
      migrate(source);
      migrateServer(source);
      conn = await openPostgres(url, { max: 2, applicationName: 'serviceframe copy-data' });
      await refuseNonEmpty(conn);
      await migratePostgresEngine(conn);
      await migratePostgresServer(conn);
      const target = await targetTables(conn);
      const sourceTables = (
        source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
      ).filter((t) => !(t in SQLITE_ONLY));
      const unmatched = sourceTables.filter((t) => !target.has(t));
      if (unmatched.length > 0)
        throw new CopyRefusedError(
          `the PostgreSQL schema has no table for ${unmatched.join(', ')} of the SQLite file; nothing was copied`,
        );
      const tables: { name: string; rows: number }[] = [];
      await conn.transaction(async (client) => {
        // Referenced tables first (cases before events, timers…), the rest by name.
        const order = [...target.keys()]
          .filter((t) => !COMPUTED.has(t) && sourceTables.includes(t))
          .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
        for (const name of order) {
          const rows = await copyTable(source, client, name, target.get(name)!);
          tables.push({ name, rows });
          progress(`${name}: ${rows} rows`);
        }
        await copyComputed(source, client);
        for (const [name, columns] of target) {
          for (const column of columns.filter((c) => c.identity)) {
            await client.query(
              `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${ident(column.name)}) FROM ${ident(name)}), 0) + 1, false)`,
              [name, column.name],
            );
          }
        }
      });
      return { tables };
    } finally {
      source.close();
    }
  } finally {
    await conn?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rank = (table: string) => (table === 'cases' ? 0 : table === 'events' ? 1 : 2);
const ident = (name: string) => pg.escapeIdentifier(name);

async function refuseNonEmpty(conn: PostgresConnection): Promise<void> {
  const { rows } = await conn.query<{ tablename: string }>(
    'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
  );
  const holding: string[] = [];
  for (const { tablename } of rows) {
    if (COMPUTED.has(tablename)) continue;
    const found = await conn.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(tablename)}) AS any`);
    if (found.rows[0]?.any) holding.push(tablename);
  }
  if (holding.length > 0)
    throw new CopyRefusedError(
      `the database at ${conn.target} is not empty (${holding.join(', ')} hold rows); copy into a new, empty database`,
    );
}

async function targetTables(conn: PostgresConnection): Promise<Map<string, TargetColumn[]>> {
  const { rows } = await conn.query<{ table_name: string; column_name: string; type: string; identity: boolean }>(`
    SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type, a.attidentity <> '' AS identity
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`);
  const tables = new Map<string, TargetColumn[]>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push({ name: row.column_name, type: row.type, identity: row.identity });
    tables.set(row.table_name, columns);
  }
  return tables;
}

/** The SELECT reading a source table; cases also bring the hash of their last event. */
function sourceQuery(table: string): string {
  if (table === 'cases')
    return 'SELECT cases.*, (SELECT hash FROM events WHERE pos = cases.last_pos) AS last_hash FROM cases ORDER BY rowid';
  if (table === 'events') return 'SELECT * FROM events ORDER BY pos';
  return `SELECT * FROM "${table.replace(/"/g, '""')}"`;
}

async function copyTable(
  source: Database.Database,
  client: pg.PoolClient,
  table: string,
  targetColumns: TargetColumn[],
): Promise<number> {
  const statement = source.prepare(sourceQuery(table));
  const sourceColumns = new Set(statement.columns().map((c) => c.name));
  const columns = targetColumns.filter((c) => sourceColumns.has(c.name));
  const identity = targetColumns.some((c) => c.identity && sourceColumns.has(c.name));
  // Every value travels as text and is cast to its column's type in the statement.
  const sql = `INSERT INTO ${ident(table)} (${columns.map((c) => ident(c.name)).join(', ')}) ${identity ? 'OVERRIDING SYSTEM VALUE ' : ''}
    SELECT ${columns.map((c, i) => `c${i}::${c.type}`).join(', ')}
    FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS t(${columns.map((_, i) => `c${i}`).join(', ')})`;
  let count = 0;
  let chunk: Record<string, unknown>[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    await client.query(
      sql,
      columns.map((c) => chunk.map((row) => asText(row[c.name], c.type))),
    );
    count += chunk.length;
    chunk = [];
  };
  for (const row of statement.iterate() as IterableIterator<Record<string, unknown>>) {
    chunk.push(row);
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return count;
}

/** A source value as the text PostgreSQL casts to `type`. */
function asText(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === true || value === '1' ? 'true' : 'false';
  if (type.endsWith('[]')) {
    const items = typeof value === 'string' ? (JSON.parse(value) as unknown[]) : (value as unknown[]);
    return `{${items.map((item) => `"${String(item).replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  }
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

/** day_anchors and event_tail, which SQLite keeps differently. */
async function copyComputed(source: Database.Database, client: pg.PoolClient): Promise<void> {
  const anchors = prepareDayAnchors(source).all();
  if (anchors.length > 0) {
    await client.query(
      'INSERT INTO day_anchors (day, hash, events) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])',
      [anchors.map((a) => a.day), anchors.map((a) => a.hash), anchors.map((a) => a.events)],
    );
  }
  const newest = source.prepare('SELECT pos, at FROM events ORDER BY pos DESC LIMIT 1').get() as
    { pos: number; at: number } | undefined;
  await client.query('UPDATE event_tail SET pos = $1, day = $2', [
    newest?.pos ?? 0,
    newest ? anchorDayOf(newest.at) : null,
  ]);
}
