import type Database from 'better-sqlite3';
import { runMigrations, type SqliteStep, type SqliteVersionKeeper } from '../migrate.ts';

/**
 * The server's tables, in the same SQLite file as the engine's so one backup holds everything.
 * The engine numbers its schema in PRAGMA user_version; the server keeps its own count in
 * sf_migrations so the two never step on each other. A released step never changes.
 */
const STEPS: readonly SqliteStep[] = [
  {
    version: 1,
    name: 'users, sessions, idempotency, definition versions, records, projections',
    sql: `
      CREATE TABLE sf_users (
        username TEXT PRIMARY KEY,
        name TEXT,
        password_hash TEXT NOT NULL,
        unit TEXT NOT NULL,
        roles TEXT NOT NULL,
        email TEXT,
        mobile TEXT,
        locale TEXT,
        admin INTEGER NOT NULL DEFAULT 0,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- Only a hash of each token is stored: a copy of the database logs nobody in.
      CREATE TABLE sf_sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX sf_sessions_by_user ON sf_sessions (username);
      CREATE INDEX sf_sessions_by_expiry ON sf_sessions (expires_at);

      CREATE TABLE sf_idempotency (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        content_type TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
      );

      CREATE TABLE sf_definition_versions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        version TEXT NOT NULL,
        files TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        published_by TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX sf_definition_versions_by_version ON sf_definition_versions (version, seq);

      CREATE TABLE sf_records (
        type TEXT NOT NULL,
        id TEXT NOT NULL,
        unit TEXT NOT NULL,
        data TEXT NOT NULL,
        version INTEGER NOT NULL,
        record_key TEXT,
        search_text TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (type, id)
      );
      CREATE UNIQUE INDEX sf_records_by_key ON sf_records (type, record_key) WHERE record_key IS NOT NULL;
      CREATE INDEX sf_records_by_unit ON sf_records (type, unit, id);
      -- Every version of every record (INFO-5): appended, never changed.
      CREATE TABLE sf_record_history (
        type TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        at INTEGER NOT NULL,
        by TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (type, id, version)
      );
      CREATE TRIGGER sf_record_history_never_updated BEFORE UPDATE ON sf_record_history
        BEGIN SELECT RAISE(ABORT, 'record history is append-only'); END;
      CREATE TRIGGER sf_record_history_never_deleted BEFORE DELETE ON sf_record_history
        BEGIN SELECT RAISE(ABORT, 'record history is append-only'); END;

      -- Projections: derived from cases after each commit, rebuilt from them when behind.
      CREATE TABLE sf_projected (case_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
      CREATE TABLE sf_case_records (
        case_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        record_id TEXT NOT NULL,
        PRIMARY KEY (case_id, name)
      );
      CREATE INDEX sf_case_records_by_record ON sf_case_records (type, record_id);
      CREATE TABLE sf_ledger_rows (
        ledger TEXT NOT NULL,
        case_id TEXT NOT NULL,
        unit TEXT NOT NULL,
        at INTEGER NOT NULL,
        row_values TEXT NOT NULL,
        PRIMARY KEY (ledger, case_id)
      );
      CREATE INDEX sf_ledger_rows_by_unit ON sf_ledger_rows (ledger, unit, at);
      CREATE INDEX sf_ledger_rows_by_at ON sf_ledger_rows (ledger, at);
      CREATE TABLE sf_case_report (
        case_id TEXT PRIMARY KEY,
        unit TEXT NOT NULL,
        month TEXT NOT NULL,
        workflow TEXT NOT NULL,
        state TEXT NOT NULL,
        done INTEGER NOT NULL,
        clocks_met INTEGER NOT NULL,
        clocks_breached INTEGER NOT NULL,
        measures TEXT NOT NULL
      );
      CREATE INDEX sf_case_report_by_unit ON sf_case_report (unit, month);
      CREATE INDEX sf_case_report_by_month ON sf_case_report (month);
    `,
  },
  {
    version: 2,
    name: 'ledger rows by case',
    sql: `
      -- Re-projecting a case deletes its rows first: without this, a scan of every ledger row.
      CREATE INDEX sf_ledger_rows_by_case ON sf_ledger_rows (case_id);
    `,
  },
  {
    version: 3,
    name: 'idempotency keys by age',
    sql: `
      -- Housekeeping forgets keys older than a day; without this, a scan of every key.
      CREATE INDEX sf_idempotency_by_created ON sf_idempotency (created_at);
    `,
  },
  {
    version: 4,
    name: 'users who must change their password',
    sql: `
      -- An administrator's reset sets it; the user's own change clears it.
      ALTER TABLE sf_users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 5,
    name: 'inbox read marks',
    sql: `
      -- The in-app notifications are the engine's outbox entries; which a person has read is theirs.
      CREATE TABLE sf_inbox_reads (
        username TEXT NOT NULL,
        outbox_id TEXT NOT NULL,
        read_at INTEGER NOT NULL,
        PRIMARY KEY (username, outbox_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: 'case migration batches',
    sql: `
      -- An administrator's migration of open cases to another definition version (issue 18): what
      -- was asked and which cases it took, kept so that a batch cut off by a crash can be resumed.
      -- Each case's own migration is an event in its history; this row only finds the batch again.
      CREATE TABLE sf_case_migrations (
        id TEXT PRIMARY KEY,
        workflow TEXT NOT NULL,
        request TEXT NOT NULL,
        case_ids TEXT NOT NULL,
        started_by TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        counts TEXT
      );
    `,
  },
];

/**
 * The server's version keeper: the highest version listed in sf_migrations. Reading creates the
 * table when missing, since a file the engine made first has none yet.
 */
export const serverVersionKeeper: SqliteVersionKeeper = {
  where: 'table sf_migrations',
  read(db) {
    db.exec('CREATE TABLE IF NOT EXISTS sf_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    return (db.prepare('SELECT max(version) FROM sf_migrations').pluck().get() as number | null) ?? 0;
  },
  record(db, step) {
    db.prepare('INSERT INTO sf_migrations (version, name) VALUES (?, ?)').run(step.version, step.name);
  },
};

/** Brings the server's tables up to the last step (runMigrations); returns the versions applied. */
export function migrateServer(db: Database.Database): number[] {
  return runMigrations(db, STEPS, serverVersionKeeper);
}
