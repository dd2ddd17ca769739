import Database from 'better-sqlite3';
import { BACKGROUND_AUTOCHECKPOINT_PAGES } from '../store/wal-checkpointer.ts';
import { migrateServer } from './server-migrations.ts';
import type { ServerStorage } from '../../../ports/server-storage.ts';
import { sqliteIdempotency } from './sqlite-idempotency.ts';
import { sqliteInboxReads } from './sqlite-inbox-reads.ts';
import { sqliteProjections } from './sqlite-projections.ts';
import { sqliteRecords } from './sqlite-records.ts';
import { sqliteUsers, sqliteSessions } from './sqlite-users.ts';
import { sqliteVersions } from './sqlite-versions.ts';
import { sqliteMigrationBatches } from './sqlite-migration-batches.ts';

// The log is one for every connection to the file, and a connection checkpoints after its own
// commit whenever the log is longer than its setting, stalling the request that made it. The
// engine store's worker thread checkpoints this file in the background (wal-checkpointer.ts), so
// these connections keep only the same far-off safety net as the store's own connection.
const CHECKPOINT_PAGES = BACKGROUND_AUTOCHECKPOINT_PAGES;

/**
 * The server's tables in SQLite, on a connection of its own to the engine store's file (WAL lets
 * both read while either writes). `:memory:` gives a private database for tests.
 */
export function openServerStorage(file: string): ServerStorage {
  const db = new Database(file);
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
    db.pragma('busy_timeout = 5000');
    migrateServer(db);
  } catch (error) {
    db.close();
    throw error;
  }
  // Projections are derived data, rebuilt from the cases when behind (Projector.catchUp), so their
  // writes skip the fsync that users, records and versions need: a connection of their own.
  let projectionDb = db;
  if (file !== ':memory:') {
    projectionDb = new Database(file);
    projectionDb.pragma('synchronous = NORMAL');
    projectionDb.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
    projectionDb.pragma('busy_timeout = 5000');
  }
  const projections = sqliteProjections(projectionDb);
  return {
    users: sqliteUsers(db),
    inboxReads: sqliteInboxReads(db),
    sessions: sqliteSessions(db),
    idempotency: sqliteIdempotency(db),
    versions: sqliteVersions(db),
    migrations: sqliteMigrationBatches(db),
    records: sqliteRecords(db),
    projections,
    async close() {
      if (projectionDb.open) await projections.flush();
      if (projectionDb !== db && projectionDb.open) projectionDb.close();
      if (db.open) db.close();
    },
  };
}
