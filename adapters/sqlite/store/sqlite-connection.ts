import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';

export interface SqliteConnectionOptions {
  /** How long a write waits for another connection's transaction before failing (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /**
   * 'normal' (default): durable across a crash of the process (SIGKILL, out of memory) — the WAL
   * is in the OS before commit returns; an OS crash or power loss may undo the last transactions.
   * 'full': fsync at every commit, durable across power loss too, at about 0.4 ms per commit.
   */
  readonly synchronous?: 'normal' | 'full';
}

/**
 * A database that lives only in its connection (`:memory:`, or '' for a private temporary file): no second connection
 * can open it.
 */
export function isPrivateDatabase(file: string): boolean {
  return file === ':memory:' || file === '';
}

/**
 * A connection to the store's file with the store's settings. The connection that opens the store
 * migrates it (`migrate`); a writer thread's connection opens the file once it is migrated.
 */
export function openSqliteConnection(
  file: string,
  options: SqliteConnectionOptions,
  { migrate: migrating }: { migrate: boolean },
): Database.Database {
  const db = new Database(file, { fileMustExist: !migrating });
  try {
    // WAL: readers never block the writer and a commit is one append to the log.
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL writes each commit to the log before returning but skips the fsync, so a
    // killed process loses nothing it acknowledged, while a power loss or OS crash can undo the
    // last transactions (the file stays consistent). FULL fsyncs the log at every commit and costs
    // about 0.4 ms each; operators choose it with SERVICEFRAME_SYNC=full (docs/operations.md).
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    // Events, timers, outbox entries and facts must name a case that exists.
    db.pragma('foreign_keys = ON');
    if (migrating) migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
