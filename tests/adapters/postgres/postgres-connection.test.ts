// The PostgreSQL foundation (issue 17 items 1 and 3): opening from DATABASE_URL with clear errors
// that never show the password, connection loss mapped to a 503 error, and the migration runner
// shared with SQLite, applied once when several nodes start together, refusing a newer database.
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  DatabaseUrlError,
  openPostgres,
  type PostgresConnection,
  storeErrorOf,
} from '../../../adapters/postgres/connection.ts';
import { ENGINE_POSTGRES_STEPS, migratePostgresEngine } from '../../../adapters/postgres/engine-migrations.ts';
import { type PostgresStep, runPostgresMigrations, tableVersionKeeper } from '../../../adapters/postgres/migrate.ts';
import { migratePostgresServer } from '../../../adapters/postgres/server-migrations.ts';
import { MigrationOrderError, SchemaTooNewError, StoreUnavailableError } from '../../../engine/store/store-errors.ts';
import { problemOf } from '../../../server/http/error-status.ts';
import { createDatabase, dropDatabase, freePort } from '../../helpers/postgres-cluster.ts';

const made: string[] = [];
const opened: PostgresConnection[] = [];
async function freshDatabase(): Promise<string> {
  const url = await createDatabase(inject('postgresUrl'));
  made.push(url);
  return url;
}
async function open(url: string): Promise<PostgresConnection> {
  const conn = await openPostgres(url, { max: 4 });
  opened.push(conn);
  return conn;
}
afterAll(async () => {
  for (const conn of opened) await conn.close().catch(() => {});
  for (const url of made) await dropDatabase(url);
});

const rejection = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  return expect.fail('did not reject');
};

describe('opening PostgreSQL from DATABASE_URL', () => {
  it('names host:port/database and the reason for a wrong password, never the password', async () => {
    const url = new URL(await freshDatabase());
    url.password = 'not-the-Secret-42';
    const error = await rejection(openPostgres(url.toString()));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toContain(`${url.hostname}:${url.port}${url.pathname}`);
    expect(error.message).toMatch(/password authentication failed/);
    expect(error.message).not.toContain('not-the-Secret-42');
  });

  it('names the address when nothing listens there', async () => {
    const port = await freePort();
    const error = await rejection(
      openPostgres(`postgres://sf:Secret-77@127.0.0.1:${port}/main`, { connectTimeoutMs: 2000 }),
    );
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error.message).toContain(`127.0.0.1:${port}/main`);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain('Secret-77');
  });

  it('names a missing database', async () => {
    const url = new URL(inject('postgresUrl'));
    url.pathname = '/no_such_database_here';
    const error = await rejection(openPostgres(url.toString()));
    expect(error.message).toMatch(/no_such_database_here.*does not exist/);
    expect(error.message).not.toContain(url.password);
  });

  it('refuses a URL that is not postgres://', async () => {
    const error = await rejection(openPostgres('mysql://root:pw@db/x'));
    expect(error).toBeInstanceOf(DatabaseUrlError);
    expect(error.message).not.toContain('pw@');
  });

  it('maps losing the connection to STORE_UNAVAILABLE, which the API answers 503', async () => {
    const conn = await open(await freshDatabase());
    const victim = await conn.connect();
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    victim.on('error', () => {});
    const lost = victim.query('SELECT pg_sleep(30)');
    await conn.query('SELECT pg_terminate_backend($1)', [pid]);
    const error = storeErrorOf(await rejection(lost), conn.target);
    victim.release(true);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).code).toBe('STORE_UNAVAILABLE');
    expect(problemOf(error)?.status).toBe(503);
    // and the pool goes on with a new connection
    expect((await conn.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('reads BIGINT as numbers', async () => {
    const conn = await open(await freshDatabase());
    expect((await conn.query<{ n: unknown }>('SELECT 1765000000000::bigint AS n')).rows[0]!.n).toBe(1765000000000);
  });
});

describe('migrations on PostgreSQL', () => {
  const keeper = tableVersionKeeper('test_migrations');
  const steps: PostgresStep[] = [
    { version: 1, name: 'one', sql: 'CREATE TABLE a (x int)' },
    { version: 2, name: 'two, in code', run: async (client) => void (await client.query('CREATE TABLE b (x int)')) },
  ];

  it('applies the engine and server steps once when three nodes start together, each keeping its own count', async () => {
    const url = await freshDatabase();
    const nodes = await Promise.all([open(url), open(url), open(url)]);
    const applied = await Promise.all(nodes.map((conn) => migratePostgresEngine(conn)));
    // exactly one node applied every step; the others found nothing to do
    expect(applied.filter((versions) => versions.length > 0)).toEqual([ENGINE_POSTGRES_STEPS.map((s) => s.version)]);
    expect(applied.filter((versions) => versions.length === 0)).toHaveLength(2);
    const { rows } = await nodes[0]!.query('SELECT version FROM migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(ENGINE_POSTGRES_STEPS.map((s) => s.version));
    // the server's count is separate
    await Promise.all(nodes.map((conn) => migratePostgresServer(conn)));
    expect((await nodes[0]!.query("SELECT to_regclass('sf_migrations') AS t")).rows[0]!.t).toBe('sf_migrations');
    expect(await migratePostgresEngine(nodes[1]!)).toEqual([]);
  });

  it('refuses a database newer than the code, naming both versions and where the version is kept', async () => {
    const conn = await open(await freshDatabase());
    expect(await runPostgresMigrations(conn, steps, keeper)).toEqual([1, 2]);
    const error = await rejection(runPostgresMigrations(conn, steps.slice(0, 1), keeper));
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect(error).toMatchObject({ code: 'SCHEMA_TOO_NEW', found: 2, known: 1, where: 'table test_migrations' });
  });

  it('refuses a list out of order before touching the database', async () => {
    const conn = await open(await freshDatabase());
    const error = await rejection(runPostgresMigrations(conn, [steps[1]!, steps[0]!], keeper));
    expect(error).toBeInstanceOf(MigrationOrderError);
    expect((await conn.query("SELECT to_regclass('test_migrations') AS t")).rows[0]!.t).toBeNull();
  });

  it('rolls back every step of a run when one fails, leaving the version where it was', async () => {
    const conn = await open(await freshDatabase());
    expect(await runPostgresMigrations(conn, steps.slice(0, 1), keeper)).toEqual([1]);
    const broken: PostgresStep = {
      version: 3,
      name: 'three, broken',
      sql: 'CREATE TABLE c (x int); CREATE TABLE a (x int)',
    };
    await expect(runPostgresMigrations(conn, [...steps, broken], keeper)).rejects.toThrow(
      /relation "a" already exists/,
    );
    const tables = async () =>
      (await conn.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map(
        (r) => r.tablename,
      );
    expect(await tables()).not.toContain('b');
    expect(await tables()).not.toContain('c');
    expect(await runPostgresMigrations(conn, steps, keeper)).toEqual([2]);
  });

  it('keeps events append-only in the database', async () => {
    const conn = await open(await freshDatabase());
    await migratePostgresEngine(conn);
    await conn.query(
      `INSERT INTO cases VALUES ('c1', 'w', 'u', 's', '{s}', false, null, null, '{}', null, 1, 1, 1, null, '', '{}', 'h')`,
    );
    await conn.query(
      `INSERT INTO events VALUES (1, 'c1', 1, 't', 'a', null, 1, 'v', '{}', '[]', '[]', '[]', 'h', 'p')`,
    );
    await expect(conn.query("UPDATE events SET type = 'x'")).rejects.toThrow(/events is append-only/);
    await expect(conn.query('DELETE FROM events')).rejects.toThrow(/events is append-only/);
    await expect(conn.query('TRUNCATE events')).rejects.toThrow(/append-only|cannot truncate/);
    expect((await conn.query('SELECT count(*)::int AS n FROM events')).rows[0]!.n).toBe(1);
  });
});
