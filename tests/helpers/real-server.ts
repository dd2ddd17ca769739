import Database from 'better-sqlite3';
import pgDriver from 'pg';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../../server/log.ts';
import { startServer, type RunningServer, type StartOptions } from '../../server/start.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from '../server/server-support.ts';
import { freshPostgresDatabase, testDatabase, type TestDatabase } from './test-database.ts';

const { Client } = pgDriver;

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: any;
}

export interface RealServer {
  readonly server: RunningServer;
  /** The SQLite file the server writes (on SQLite). */
  readonly databaseFile: string;
  /** The PostgreSQL database the server writes (on PostgreSQL). */
  readonly databaseUrl: string | undefined;
  /** Rows of a read-only query on the server's database, SQLite's or PostgreSQL's (plain SQL both take). */
  rows<R>(sql: string): Promise<R[]>;
  api(
    method: string,
    path: string,
    o?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<Answer>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real server listening on a free port of 127.0.0.1, on a fresh data directory with the engine
 * and server fixture definitions; `env` is set while it starts (the app reads its settings then).
 * On the database the test project names (testDatabase()) unless `database` says: on PostgreSQL a
 * new database of its own, dropped at close.
 */
export async function realServer(
  env: Record<string, string> = {},
  options: Partial<StartOptions> & { database?: TestDatabase } = {},
): Promise<RealServer> {
  const { database = testDatabase(), ...startOptions } = options;
  const pg =
    database === 'postgres' && startOptions.databaseUrl === undefined
      ? await freshPostgresDatabase('sf_real')
      : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'sf-real-'));
  const defs = join(dir, 'definitions');
  cpSync('tests/fixtures/engine', join(defs, 'engine'), { recursive: true });
  cpSync('tests/fixtures/server', join(defs, 'server'), { recursive: true });
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let server: RunningServer;
  try {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      definitionsDir: defs,
      adminPassword: ADMIN_PASSWORD,
      demoPassword: DEMO_PASSWORD,
      log: silentLogger,
      schedulerIntervalMs: 60_000,
      ...(pg ? { databaseUrl: pg.url } : {}),
      ...startOptions,
    });
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const api: RealServer['api'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = {
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(o.headers ?? {}),
    };
    const body = o.body !== undefined ? JSON.stringify(o.body) : o.raw;
    const res = await fetch(server.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  };
  const databaseFile = join(dir, 'data', 'serviceframe.sqlite');
  const databaseUrl = pg?.url ?? startOptions.databaseUrl;
  return {
    server,
    async rows<R>(sql: string) {
      if (databaseUrl === undefined) {
        const db = new Database(databaseFile, { readonly: true });
        try {
          return db.prepare(sql).all() as R[];
        } finally {
          db.close();
        }
      }
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(sql)).rows as R[];
      } finally {
        await client.end();
      }
    },
    databaseFile,
    databaseUrl,
    api,
    async login(username, password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) {
      const res = await api('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
      return res.body.token as string;
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      await pg?.drop();
    },
  };
}

/**
 * realServer(env, options) for the tests of the enclosing describe: started in its beforeAll, closed
 * in its afterAll; call the returned function in a test for the server. Started in a hook, not in the
 * test, because a process's first start compiles every definition schema and form validator and
 * builds the password checker's dictionaries (over 15 s measured on a machine at load 20), and
 * the 30 s test timeout is for what the test does (vitest.config.ts gives setup its own 60 s).
 */
export function realServerForSuite(
  env: Record<string, string> = {},
  options: Parameters<typeof realServer>[1] = {},
): () => RealServer {
  let s: RealServer | undefined;
  beforeAll(async () => {
    s = await realServer(env, options);
  });
  afterAll(async () => {
    await s?.close();
  });
  return () => {
    if (!s) throw new Error('the server did not start (see the beforeAll error)');
    return s;
  };
}
