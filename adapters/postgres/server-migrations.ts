/**
 * The server's tables on PostgreSQL (users, sessions, idempotency keys, definition versions,
 * records and their history, projections, inbox read marks) as numbered steps, kept in
 * `sf_migrations` like SQLite's server-migrations.ts, run by migrate.ts under the advisory lock.
 * The engine store's steps are in engine-migrations.ts, with their own count. A released step
 * never changes: a new need is a new step at the end.
 */
import type { PostgresConnection } from './connection.ts';
import { type PostgresStep, runPostgresMigrations, tableVersionKeeper } from './migrate.ts';

/**
 * The server's tables in PostgreSQL: the same tables as SQLite's (adapters/sqlite/server/server-migrations.ts),
 * written once as the schema stands today rather than replaying SQLite's history of steps. Numbers
 * are BIGINT (epoch milliseconds pass 2^31), JSON stays TEXT so a value reads back exactly as written
 * (key order included), and the columns a page is ordered by use COLLATE "C", the byte order SQLite
 * sorts text in, whatever the database's default collation. A released step never changes.
 */
export const SERVER_POSTGRES_STEPS: readonly PostgresStep[] = [
  {
    version: 1,
    name: 'users, sessions, idempotency, definition versions, records, projections, inbox reads',
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
        admin BOOLEAN NOT NULL DEFAULT false,
        disabled BOOLEAN NOT NULL DEFAULT false,
        must_change_password BOOLEAN NOT NULL DEFAULT false,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      -- Only a hash of each token is stored: a copy of the database logs nobody in.
      CREATE TABLE sf_sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
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
        created_at BIGINT NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX sf_idempotency_by_created ON sf_idempotency (created_at);

      CREATE TABLE sf_definition_versions (
        seq INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        version TEXT NOT NULL,
        files TEXT NOT NULL,
        published_at BIGINT NOT NULL,
        published_by TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX sf_definition_versions_by_version ON sf_definition_versions (version, seq);

      CREATE TABLE sf_records (
        type TEXT NOT NULL,
        id TEXT COLLATE "C" NOT NULL,
        unit TEXT NOT NULL,
        data TEXT NOT NULL,
        version INTEGER NOT NULL,
        record_key TEXT,
        search_text TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
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
        at BIGINT NOT NULL,
        by TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (type, id, version)
      );
      CREATE FUNCTION sf_record_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'record history is append-only'; END $$;
      CREATE TRIGGER sf_record_history_never_changed BEFORE UPDATE OR DELETE ON sf_record_history
        FOR EACH ROW EXECUTE FUNCTION sf_record_history_append_only();

      -- Projections: derived from cases after each commit, rebuilt from them when behind.
      CREATE TABLE sf_projected (case_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
      CREATE TABLE sf_case_records (
        case_id TEXT COLLATE "C" NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        record_id TEXT NOT NULL,
        PRIMARY KEY (case_id, name)
      );
      CREATE INDEX sf_case_records_by_record ON sf_case_records (type, record_id);
      CREATE TABLE sf_ledger_rows (
        ledger TEXT NOT NULL,
        case_id TEXT COLLATE "C" NOT NULL,
        unit TEXT COLLATE "C" NOT NULL,
        at BIGINT NOT NULL,
        row_values TEXT NOT NULL,
        PRIMARY KEY (ledger, case_id)
      );
      CREATE INDEX sf_ledger_rows_by_unit ON sf_ledger_rows (ledger, unit, at, case_id);
      CREATE INDEX sf_ledger_rows_by_at ON sf_ledger_rows (ledger, at);
      CREATE INDEX sf_ledger_rows_by_case ON sf_ledger_rows (case_id);
      CREATE TABLE sf_case_report (
        case_id TEXT PRIMARY KEY,
        unit TEXT NOT NULL,
        month TEXT NOT NULL,
        workflow TEXT COLLATE "C" NOT NULL,
        state TEXT COLLATE "C" NOT NULL,
        done BOOLEAN NOT NULL,
        clocks_met INTEGER NOT NULL,
        clocks_breached INTEGER NOT NULL,
        measures TEXT NOT NULL
      );
      CREATE INDEX sf_case_report_by_unit ON sf_case_report (unit, month);
      CREATE INDEX sf_case_report_by_month ON sf_case_report (month);

      -- The in-app notifications are the engine's outbox entries; which a person has read is theirs.
      CREATE TABLE sf_inbox_reads (
        username TEXT NOT NULL,
        outbox_id TEXT NOT NULL,
        read_at BIGINT NOT NULL,
        PRIMARY KEY (username, outbox_id)
      );
    `,
  },
  {
    version: 2,
    name: 'case migration batches',
    sql: `
      -- As SQLite's step 6 (adapters/sqlite/server/server-migrations.ts): a migration batch of open cases,
      -- kept so that one cut off by a crash is resumed.
      CREATE TABLE sf_case_migrations (
        id TEXT PRIMARY KEY,
        workflow TEXT NOT NULL,
        request TEXT NOT NULL,
        case_ids TEXT NOT NULL,
        started_by TEXT NOT NULL,
        started_at BIGINT NOT NULL,
        finished_at BIGINT,
        counts TEXT
      );
    `,
  },
];

export const serverPostgresVersionKeeper = tableVersionKeeper('sf_migrations');

/** Brings the server's tables up to the last step; returns the versions applied. */
export function migratePostgresServer(
  conn: PostgresConnection,
  steps: readonly PostgresStep[] = SERVER_POSTGRES_STEPS,
): Promise<number[]> {
  return runPostgresMigrations(conn, steps, serverPostgresVersionKeeper);
}
