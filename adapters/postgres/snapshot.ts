/**
 * One consistent view of a PostgreSQL database for reading it whole while nodes keep writing: a
 * connection in a REPEATABLE READ, READ ONLY transaction, offered as a PostgresConnection so the
 * store's own queries run on it (an audit sees every table as of one instant, as SQLite's audit
 * reads a backup of the file). `exportSnapshot` names the snapshot so pg_dump can dump exactly it.
 */
import type pg from 'pg';
import type { PostgresConnection } from './connection.ts';
import { storeErrorOf } from './connection.ts';

export interface SnapshotConnection extends PostgresConnection {
  /** The snapshot's id for `pg_dump --snapshot` (valid while this connection is open). */
  exportSnapshot(): Promise<string>;
}

export async function openSnapshot(conn: PostgresConnection): Promise<SnapshotConnection> {
  const client = await conn.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  } catch (error) {
    client.release(true);
    throw storeErrorOf(error, conn.target);
  }
  const query = async <R extends pg.QueryResultRow>(text: string | pg.QueryConfig, values?: unknown[]) => {
    try {
      return await client.query<R>(text as string, values);
    } catch (error) {
      throw storeErrorOf(error, conn.target);
    }
  };
  let ended = false;
  return {
    pool: conn.pool,
    target: conn.target,
    query,
    async transaction(work) {
      // Already inside one: the snapshot's.
      return work(client as pg.PoolClient);
    },
    async connect() {
      throw new Error('a snapshot has one connection; use query');
    },
    async exportSnapshot() {
      return (await query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id;
    },
    async close() {
      if (ended) return;
      ended = true;
      await client.query('COMMIT').catch(() => {});
      client.release();
    },
  };
}
