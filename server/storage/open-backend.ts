import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgres } from '../../adapters/postgres/connection.ts';
import { postgresServerStorage } from '../../adapters/postgres/server/open-postgres-server-storage.ts';
import { clusterNode, postgresClusterBus } from '../../adapters/postgres/server/pg-cluster-bus.ts';
import { migratePostgresServer } from '../../adapters/postgres/server-migrations.ts';
import { openPostgresStore } from '../../adapters/postgres/store/postgres-store.ts';
import { type Store } from '../../engine/store/index.ts';
import { openSqliteStore } from '../../adapters/sqlite/store/sqlite-store.ts';
import type { ClusterBus } from '../../ports/cluster-bus.ts';
import type { Logger } from '../log.ts';
import { openServerStorage } from '../../adapters/sqlite/server/open-sqlite-server-storage.ts';
import type { ServerStorage } from '../../ports/server-storage.ts';

/** Where a server keeps everything: the engine's store, the server's tables, and how it hears of other nodes. */
export interface Backend {
  readonly store: Store;
  readonly storage: ServerStorage;
  /** Other nodes on the same database (PostgreSQL); undefined for SQLite, which one process owns. */
  readonly bus?: ClusterBus;
  /** For the log: the SQLite file, or PostgreSQL's host:port/database (never the password). */
  readonly where: string;
  /** Rejects while the database cannot be reached. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface BackendOptions {
  readonly dataDir: string;
  /** DATABASE_URL: postgres://… selects PostgreSQL; unset, SQLite under dataDir. */
  readonly databaseUrl?: string;
  readonly synchronous?: 'normal' | 'full';
  readonly writer?: 'inline' | 'thread';
  readonly log: Logger;
}

/**
 * Opens (and migrates) the database a server runs on. With `databaseUrl`, PostgreSQL: one pool for
 * the engine's store and the server's tables, each schema migrated under the shared advisory lock,
 * and a LISTEN connection for the other nodes. A URL that is not postgres://… (DatabaseUrlError) or
 * a database that cannot be used (StoreUnavailableError, naming host:port/database and the reason,
 * never the password) stops the start. Otherwise SQLite in `dataDir`/serviceframe.sqlite.
 */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  if (options.databaseUrl !== undefined) return openPostgresBackend(options.databaseUrl, options.log);
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, 'serviceframe.sqlite');
  const store = openSqliteStore(file, {
    synchronous: options.synchronous ?? 'normal',
    writer: options.writer ?? 'inline',
  });
  let storage: ServerStorage;
  try {
    storage = openServerStorage(file);
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    storage,
    where: file,
    async ready() {},
    async close() {
      await storage.close();
      await store.close();
    },
  };
}

async function openPostgresBackend(url: string, log: Logger): Promise<Backend> {
  const conn = await openPostgres(url, { applicationName: 'serviceframe serve' });
  try {
    // The store tells the other nodes of each commit in its transaction, as this node.
    const node = clusterNode();
    const store = await openPostgresStore(conn, { announce: node.announcer });
    await migratePostgresServer(conn);
    const bus = await postgresClusterBus(conn, {
      node,
      onState: (state, detail) =>
        log(
          state === 'lost' ? 'warn' : 'info',
          state === 'lost' ? 'cluster: lost the listening connection to the database; retrying' : 'cluster: listening',
          { database: conn.target, ...(detail ? { reason: detail } : {}) },
        ),
    });
    const storage = postgresServerStorage(conn);
    return {
      store,
      storage,
      bus,
      where: conn.target,
      async ready() {
        await conn.query('SELECT 1');
      },
      async close() {
        await bus.close();
        await storage.close();
        await store.close();
        await conn.close();
      },
    };
  } catch (error) {
    await conn.close().catch(() => {});
    throw error;
  }
}
