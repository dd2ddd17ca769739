import { readDefinitionFiles, type SourceFile } from '../../engine/definitions/index.ts';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import { createApp } from '../../server/app.ts';
import { createServices, type ServiceOptions, type Services } from '../../server/services.ts';
import { openServerStorage } from '../../adapters/sqlite/server/open-sqlite-server-storage.ts';
import type { ServerStorage } from '../../ports/server-storage.ts';
import type { Store } from '../../engine/store/index.ts';
import type { ClusterBus } from '../../ports/cluster-bus.ts';
import { openPostgres } from '../../adapters/postgres/connection.ts';
import { postgresServerStorage } from '../../adapters/postgres/server/open-postgres-server-storage.ts';
import { clusterNode, postgresClusterBus } from '../../adapters/postgres/server/pg-cluster-bus.ts';
import { migratePostgresServer } from '../../adapters/postgres/server-migrations.ts';
import { openPostgresStore } from '../../adapters/postgres/store/postgres-store.ts';
import { freshPostgresDatabase, testDatabase, type TestDatabase } from '../helpers/test-database.ts';

export const DEMO_PASSWORD = 'demo-password-1';
export const ADMIN_PASSWORD = 'admin-password-1';

/** The engine fixture set plus the server fixtures (ledger, report, record type, sealed bids). */
export function fixtureFiles(): SourceFile[] {
  return [...readDefinitionFiles('tests/fixtures/engine'), ...readDefinitionFiles('tests/fixtures/server')];
}

/** A clock tests move by hand. Starts on a Monday morning in Shanghai. */
export class TestClock {
  constructor(public time = Date.parse('2026-03-02T01:00:00Z')) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export interface TestServer {
  readonly services: Services;
  readonly app: ReturnType<typeof createApp>;
  readonly clock: TestClock;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

interface TestBackend {
  readonly store: Store;
  readonly storage: ServerStorage;
  readonly bus?: ClusterBus;
  readonly ready?: () => Promise<void>;
  close(): Promise<void>;
}

/**
 * SQLite: in-memory databases. PostgreSQL: a database of its own on the run's cluster, with the
 * cluster bus as `serviceframe serve` has it (so the caches a shared database rules out are off).
 */
async function openTestBackend(database: TestDatabase): Promise<TestBackend> {
  if (database === 'sqlite') {
    const store = openSqliteStore(':memory:');
    const storage = openServerStorage(':memory:');
    return {
      store,
      storage,
      async close() {
        await storage.close();
        await store.close();
      },
    };
  }
  const db = await freshPostgresDatabase();
  const conn = await openPostgres(db.url, { max: 6 });
  const node = clusterNode();
  const store = await openPostgresStore(conn, { announce: node.announcer });
  await migratePostgresServer(conn);
  const storage = postgresServerStorage(conn);
  const bus = await postgresClusterBus(conn, { node });
  return {
    store,
    storage,
    bus,
    ready: async () => {
      await conn.query('SELECT 1');
    },
    async close() {
      await bus.close();
      await storage.close();
      await store.close();
      await conn.close();
      await db.drop();
    },
  };
}

/**
 * Services with the fixture definitions and demo users, driven through app.request; on the
 * database the test project names (testDatabase(): SQLite in memory, or PostgreSQL), or `database`.
 */
export async function testServer(
  options: Partial<ServiceOptions> & { database?: TestDatabase } = {},
): Promise<TestServer> {
  const clock = new TestClock();
  const { database = testDatabase(), ...serviceOptions } = options;
  const backend = await openTestBackend(database);
  const { store, storage } = backend;
  const services = await createServices({
    store,
    storage,
    clock,
    initialFiles: fixtureFiles,
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    ...(backend.bus ? { bus: backend.bus } : {}),
    ...(backend.ready ? { ready: backend.ready } : {}),
    ...serviceOptions,
  });
  const app = createApp(services);
  const call: TestServer['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.raw;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
  return {
    services,
    app,
    clock,
    call,
    async login(username, password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) {
      const res = await call('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
      return res.body.token as string;
    },
    async close() {
      await services.projector.flush();
      await backend.close();
    },
  };
}

export const ticketData = (name = 'Zhang', extra: Record<string, unknown> = {}) => ({
  customerName: name,
  phone: '13800000009',
  ...extra,
});
