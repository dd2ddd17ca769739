/**
 * The engine store's tables on PostgreSQL as numbered steps, kept in table `migrations` (the
 * server's have their own count in `sf_migrations`, server-migrations.ts), run by migrate.ts
 * under the advisory lock. The same tables and columns as SQLite's (adapters/sqlite/store/migrations.ts)
 * where the data is the same, so `copy-data` maps them one to one, with these differences:
 *
 * - Text that is sorted or compared in a range (ids, units, states, days) is `COLLATE "C"`: the
 *   order of SQLite's BINARY collation (UTF-8 bytes), whatever locale the database was made with,
 *   so both stores list in the same order.
 * - Times are BIGINT epoch milliseconds; flags are BOOLEAN; a case's active states and watchers
 *   are text arrays.
 * - `event_tail` is one row holding the position of the newest event and its day. Every commit
 *   locks it first (PostgreSQL's equivalent of SQLite's single writer): positions are gapless and
 *   in commit order across every node, which is the order the day anchors fold events in.
 * - A case row keeps the hash of its last event (`last_hash`), the one value every commit needs
 *   from its history; `day_anchors` holds every day's running anchor (one upsert per commit and day).
 * - Events are append-only by trigger, as on SQLite.
 *
 * A released step never changes: a new need is a new step at the end.
 */
import type { PostgresConnection } from './connection.ts';
import { type PostgresStep, runPostgresMigrations, tableVersionKeeper } from './migrate.ts';

export const ENGINE_POSTGRES_STEPS: readonly PostgresStep[] = [
  {
    version: 1,
    name: 'cases, events, day anchors, timers, outbox, score facts, user facts, schedule runs',
    sql: `
      CREATE TABLE cases (
        id TEXT COLLATE "C" PRIMARY KEY,
        workflow TEXT COLLATE "C" NOT NULL,
        unit TEXT COLLATE "C" NOT NULL,
        state TEXT COLLATE "C" NOT NULL,
        active_states TEXT[] COLLATE "C" NOT NULL,
        done BOOLEAN NOT NULL,
        owner TEXT COLLATE "C",
        assignee TEXT COLLATE "C",
        watchers TEXT[] COLLATE "C" NOT NULL,
        customer_user TEXT COLLATE "C",
        version INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        next_deadline BIGINT,
        search_text TEXT NOT NULL,
        record TEXT NOT NULL,
        last_hash TEXT NOT NULL
      );
      -- listCases reads newest first by (updated_at, id): over every case, a unit's, a customer's.
      CREATE INDEX cases_by_updated ON cases (updated_at DESC, id DESC);
      CREATE INDEX cases_by_unit ON cases (unit, updated_at DESC, id DESC);
      CREATE INDEX cases_by_customer ON cases (customer_user, updated_at DESC, id DESC) WHERE customer_user IS NOT NULL;
      CREATE INDEX cases_by_deadline ON cases (next_deadline) WHERE next_deadline IS NOT NULL;

      -- The history (P-7). pos is the append order across every node (see event_tail).
      CREATE TABLE events (
        pos BIGINT PRIMARY KEY,
        case_id TEXT COLLATE "C" NOT NULL REFERENCES cases (id),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_unit TEXT,
        at BIGINT NOT NULL,
        definition_version TEXT NOT NULL,
        data TEXT NOT NULL,
        from_states TEXT NOT NULL,
        to_states TEXT NOT NULL,
        effects TEXT NOT NULL,
        hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        UNIQUE (case_id, seq)
      );
      -- Append-only in the database itself, not only by convention (INFO-5: nothing is lost).
      CREATE FUNCTION sf_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
      CREATE TRIGGER events_are_never_changed BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION sf_refuse_change();
      CREATE TRIGGER events_are_never_truncated BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION sf_refuse_change();

      CREATE TABLE event_tail (
        only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
        pos BIGINT NOT NULL,
        day TEXT COLLATE "C"
      );
      INSERT INTO event_tail (pos, day) VALUES (0, NULL);
      CREATE TABLE day_anchors (day TEXT COLLATE "C" PRIMARY KEY, hash TEXT NOT NULL, events INTEGER NOT NULL);

      CREATE TABLE timers (
        id TEXT COLLATE "C" PRIMARY KEY,
        case_id TEXT COLLATE "C" NOT NULL REFERENCES cases (id),
        due_at BIGINT NOT NULL,
        event TEXT NOT NULL
      );
      CREATE INDEX timers_by_due ON timers (due_at, id);
      CREATE INDEX timers_by_case ON timers (case_id);

      CREATE TABLE outbox (
        id TEXT COLLATE "C" PRIMARY KEY,
        case_id TEXT COLLATE "C" REFERENCES cases (id),
        channel TEXT NOT NULL,
        recipient TEXT COLLATE "C" NOT NULL,
        template TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        urgent BOOLEAN NOT NULL,
        created_at BIGINT NOT NULL,
        not_before BIGINT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        last_error TEXT,
        sent_at BIGINT
      );
      -- Entries still to deliver only: a sent entry leaves the index.
      CREATE INDEX outbox_ready ON outbox (not_before, created_at, id) WHERE status IN ('queued', 'failed');
      CREATE INDEX outbox_by_case ON outbox (case_id, created_at, id);
      CREATE INDEX outbox_inbox ON outbox (recipient, created_at DESC, id DESC) WHERE channel = 'inapp';

      CREATE TABLE score_facts (
        id TEXT COLLATE "C" PRIMARY KEY,
        fact TEXT NOT NULL,
        unit TEXT COLLATE "C" NOT NULL,
        case_id TEXT COLLATE "C" REFERENCES cases (id),
        at BIGINT NOT NULL,
        data TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX score_facts_by_unit ON score_facts (unit, at, id);
      CREATE INDEX score_facts_by_at ON score_facts (at, id);

      -- Latest value per user and fact (TRAIN-2 qualification and the like); value is JSON.
      CREATE TABLE user_facts (
        username TEXT COLLATE "C" NOT NULL,
        fact TEXT COLLATE "C" NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (username, fact)
      );

      -- One row per run of a Schedule definition and unit, written in the commit that creates its case.
      CREATE TABLE schedule_runs (
        schedule TEXT COLLATE "C" NOT NULL,
        period TEXT COLLATE "C" NOT NULL,
        unit TEXT COLLATE "C" NOT NULL,
        run_at BIGINT NOT NULL,
        case_id TEXT COLLATE "C" REFERENCES cases (id),
        error TEXT,
        recorded_at BIGINT NOT NULL,
        PRIMARY KEY (schedule, period, unit)
      );
      CREATE INDEX schedule_runs_by_time ON schedule_runs (schedule, run_at, period, unit);
    `,
  },
  {
    version: 2,
    name: 'human case numbers',
    sql: `
      -- Each number once (the primary key is the uniqueness), with its case, for lookups by number.
      CREATE TABLE case_numbers (
        number TEXT COLLATE "C" PRIMARY KEY,
        case_id TEXT COLLATE "C" NOT NULL REFERENCES cases (id)
      );
      -- The last sequence committed in each series ("BX-2026-{seq}"), claimed in the creating commit.
      CREATE TABLE case_number_series (
        series TEXT COLLATE "C" PRIMARY KEY,
        last INTEGER NOT NULL
      );
    `,
  },
];

export const enginePostgresVersionKeeper = tableVersionKeeper('migrations');

/** Brings the engine store's tables up to the last step; returns the versions applied. */
export function migratePostgresEngine(
  conn: PostgresConnection,
  steps: readonly PostgresStep[] = ENGINE_POSTGRES_STEPS,
): Promise<number[]> {
  return runPostgresMigrations(conn, steps, enginePostgresVersionKeeper);
}
