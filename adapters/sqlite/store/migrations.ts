import type Database from 'better-sqlite3';
import { runMigrations, type SqliteStep, type SqliteVersionKeeper } from '../migrate.ts';

/**
 * The SQLite schema as numbered steps (migration-runner.ts). The schema's version is kept in
 * `PRAGMA user_version` (in the file header, so it commits with the steps) and each applied step
 * is also listed in `migrations` for people.
 */
export type Migration = SqliteStep;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, events, timers, outbox, score facts, day anchors',
    sql: `
      CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      -- Current state, derived from events; the indexed columns copy what listCases filters on.
      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        workflow TEXT NOT NULL,
        unit TEXT NOT NULL,
        state TEXT NOT NULL,
        active_states TEXT NOT NULL,
        done INTEGER NOT NULL,
        owner TEXT,
        assignee TEXT,
        watchers TEXT NOT NULL,
        customer_user TEXT,
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        data TEXT NOT NULL,
        next_deadline INTEGER,
        search_text TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX cases_by_updated ON cases (updated_at DESC, id DESC);
      CREATE INDEX cases_by_unit ON cases (unit, updated_at DESC, id DESC);
      CREATE INDEX cases_by_workflow ON cases (workflow, updated_at DESC, id DESC);
      CREATE INDEX cases_by_customer ON cases (customer_user, updated_at DESC, id DESC);
      CREATE INDEX cases_by_deadline ON cases (next_deadline);

      -- The history (P-7). pos is the global append order, which the day anchors fold in.
      CREATE TABLE events (
        case_id TEXT NOT NULL REFERENCES cases (id),
        seq INTEGER NOT NULL,
        pos INTEGER NOT NULL UNIQUE,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_unit TEXT,
        at INTEGER NOT NULL,
        definition_version TEXT NOT NULL,
        data TEXT NOT NULL,
        from_states TEXT NOT NULL,
        to_states TEXT NOT NULL,
        effects TEXT NOT NULL,
        hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)
      );
      -- Append-only in the database itself, not only by convention (INFO-5: nothing is lost).
      CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

      CREATE TABLE day_anchors (day TEXT PRIMARY KEY, hash TEXT NOT NULL, events INTEGER NOT NULL);

      CREATE TABLE timers (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        due_at INTEGER NOT NULL,
        event TEXT NOT NULL
      );
      CREATE INDEX timers_by_due ON timers (due_at, id);
      CREATE INDEX timers_by_case ON timers (case_id);

      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        case_id TEXT REFERENCES cases (id),
        channel TEXT NOT NULL,
        recipient TEXT NOT NULL,
        template TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        urgent INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        not_before INTEGER NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        last_error TEXT,
        sent_at INTEGER
      );
      CREATE INDEX outbox_by_status ON outbox (status, not_before);
      CREATE INDEX outbox_by_case ON outbox (case_id);

      CREATE TABLE score_facts (
        id TEXT PRIMARY KEY,
        fact TEXT NOT NULL,
        unit TEXT NOT NULL,
        case_id TEXT REFERENCES cases (id),
        at INTEGER NOT NULL,
        data TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX score_facts_by_unit ON score_facts (unit, at);
      CREATE INDEX score_facts_by_at ON score_facts (at);
    `,
  },
  {
    version: 2,
    name: 'user facts',
    sql: `
      -- Latest value per user and fact (TRAIN-2 qualification and the like); value is JSON.
      CREATE TABLE user_facts (
        username TEXT NOT NULL,
        fact TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (username, fact)
      );
    `,
  },
  {
    version: 3,
    name: 'schedule runs',
    sql: `
      -- One row per run of a Schedule definition and unit, written in the commit that creates its
      -- case, so a run happens once across restarts; period and unit '' mark when it was first seen.
      CREATE TABLE schedule_runs (
        schedule TEXT NOT NULL,
        period TEXT NOT NULL,
        unit TEXT NOT NULL,
        run_at INTEGER NOT NULL,
        case_id TEXT REFERENCES cases (id),
        error TEXT,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (schedule, period, unit)
      );
      CREATE INDEX schedule_runs_by_time ON schedule_runs (schedule, run_at, period, unit);
    `,
  },
  {
    version: 4,
    name: 'fewer b-trees per commit: events keyed by pos, timers and day anchors without rowid, partial case indexes',
    sql: `
      -- Every commit writes an event, a day anchor and often a timer, and each b-tree it touches is
      -- one more page in the WAL. events kept a rowid beside its two unique keys and the other two
      -- a rowid beside their primary key; now pos is the rowid and the others are their key.
      -- Rows are copied as they are: hashes, anchors and the append order do not change.
      CREATE TABLE events_v4 (
        pos INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_unit TEXT,
        at INTEGER NOT NULL,
        definition_version TEXT NOT NULL,
        data TEXT NOT NULL,
        from_states TEXT NOT NULL,
        to_states TEXT NOT NULL,
        effects TEXT NOT NULL,
        hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        UNIQUE (case_id, seq)
      );
      INSERT INTO events_v4 (pos, case_id, seq, type, actor, actor_unit, at, definition_version, data, from_states,
                             to_states, effects, hash, prev_hash)
        SELECT pos, case_id, seq, type, actor, actor_unit, at, definition_version, data, from_states,
               to_states, effects, hash, prev_hash
        FROM events ORDER BY pos;
      -- Dropping a table fires no trigger; the same triggers are created on the new one below.
      DROP TABLE events;
      ALTER TABLE events_v4 RENAME TO events;
      CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

      CREATE TABLE timers_v4 (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        due_at INTEGER NOT NULL,
        event TEXT NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO timers_v4 (id, case_id, due_at, event) SELECT id, case_id, due_at, event FROM timers;
      DROP TABLE timers;
      ALTER TABLE timers_v4 RENAME TO timers;
      CREATE INDEX timers_by_due ON timers (due_at, id);
      CREATE INDEX timers_by_case ON timers (case_id);

      CREATE TABLE day_anchors_v4 (day TEXT PRIMARY KEY, hash TEXT NOT NULL, events INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO day_anchors_v4 (day, hash, events) SELECT day, hash, events FROM day_anchors;
      DROP TABLE day_anchors;
      ALTER TABLE day_anchors_v4 RENAME TO day_anchors;

      -- The queries these serve name a customer or compare a deadline, so a case without one needs no
      -- entry there, and writing such a case (most staff cases, every closed one) leaves them alone.
      DROP INDEX cases_by_customer;
      CREATE INDEX cases_by_customer ON cases (customer_user, updated_at DESC, id DESC) WHERE customer_user IS NOT NULL;
      DROP INDEX cases_by_deadline;
      CREATE INDEX cases_by_deadline ON cases (next_deadline) WHERE next_deadline IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'cases without a data column',
    sql: `
      -- Nothing queries a case's data by column (free-text search reads search_text, everything else
      -- the record, which holds the data too), so serializing it again at every commit was waste.
      ALTER TABLE cases DROP COLUMN data;
    `,
  },
  {
    version: 6,
    name: 'no workflow index on cases',
    sql: `
      -- Every event rewrites a case's updated_at, and so its entry in each index that holds it: the
      -- workflow index was one more page in the log at every commit (about 1.3 of 11 in the engine
      -- bench). A list by workflow reads the unit index, or the recency index when every unit is
      -- in scope, in order and skips other workflows' cases: a handful of workflows share the cases,
      -- so a page of the list is found after reading a few times its length.
      DROP INDEX cases_by_workflow;
    `,
  },
  {
    version: 7,
    name: 'no case index on timers',
    sql: `
      -- Nothing on the way of an event reads a case's timers: they are found by due time and by id.
      -- The index served only timersOf, an inspection call, and cost about 0.8 pages of log per event
      -- (a timer is set or cleared at most events); timersOf now reads the pending timers, which
      -- are few: one per waiting case and clock threshold, gone once fired.
      DROP INDEX timers_by_case;
    `,
  },
  {
    version: 8,
    name: 'no recency index over every case',
    sql: `
      -- Every event rewrote each case's entry in cases_by_updated as well as in cases_by_unit (both
      -- hold updated_at): about 1.3 pages of log per event. A list over several or all units now
      -- merges the units' ranges of cases_by_unit, and this table says which units have cases.
      CREATE TABLE case_units (unit TEXT PRIMARY KEY) WITHOUT ROWID;
      INSERT INTO case_units (unit) SELECT DISTINCT unit FROM cases;
      DROP INDEX cases_by_updated;
    `,
  },
  {
    version: 9,
    name: 'events of a case linked by position instead of a (case_id, seq) index',
    sql: `
      -- The unique index on (case_id, seq) was one more page in the log at every event (about 1.1
      -- of 7.8 in the engine bench), and under concurrent load a page per event, as the cases
      -- spread over it. A case's events are now a chain: each event names the position of the
      -- case's event before it, and the case the position of its last. Reading a history walks
      -- the chain (a rowid lookup per event); the audit sorts the whole table instead. The seq
      -- continuity the index guarded is checked by every commit before it writes (plan-commit.ts).
      ALTER TABLE cases ADD COLUMN last_pos INTEGER;
      UPDATE cases SET last_pos = (SELECT max(pos) FROM events WHERE case_id = cases.id);
      CREATE TABLE events_v9 (
        pos INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_unit TEXT,
        at INTEGER NOT NULL,
        definition_version TEXT NOT NULL,
        data TEXT NOT NULL,
        from_states TEXT NOT NULL,
        to_states TEXT NOT NULL,
        effects TEXT NOT NULL,
        hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        prev_pos INTEGER
      );
      INSERT INTO events_v9 (pos, case_id, seq, type, actor, actor_unit, at, definition_version, data, from_states,
                             to_states, effects, hash, prev_hash, prev_pos)
        SELECT pos, case_id, seq, type, actor, actor_unit, at, definition_version, data, from_states,
               to_states, effects, hash, prev_hash, lag(pos) OVER (PARTITION BY case_id ORDER BY seq)
        FROM events ORDER BY pos;
      DROP TABLE events;
      ALTER TABLE events_v9 RENAME TO events;
      CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    `,
  },
  {
    version: 10,
    name: 'running day anchor in each event row',
    sql: `
      -- Upserting the day's row in day_anchors at every commit was one more page in the log per
      -- event. Each new event now carries its day's anchor after folding itself in, and day_anchors
      -- is written only when a day stops being the day of the newest event (sealed). Old rows keep
      -- NULL there: their days' anchors are in day_anchors, which stays as it is. Adding a column
      -- updates no row, so the append-only triggers are not involved.
      ALTER TABLE events ADD COLUMN day_hash TEXT;
      ALTER TABLE events ADD COLUMN day_events INTEGER;
    `,
  },
  {
    version: 11,
    name: 'in-app notifications by recipient',
    sql: `
      -- Each person's inbox (GET /api/inbox) reads their in-app notifications, newest first.
      CREATE INDEX outbox_inbox ON outbox (recipient, channel, created_at, id);
    `,
  },
  {
    version: 12,
    name: 'human case numbers',
    sql: `
      -- Each number once (the primary key is the uniqueness), with its case, for lookups by number.
      CREATE TABLE case_numbers (number TEXT PRIMARY KEY, case_id TEXT NOT NULL) WITHOUT ROWID;
      -- The last sequence committed in each series ("BX-2026-{seq}"), claimed in the creating commit.
      CREATE TABLE case_number_series (series TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;
    `,
  },
];

/** The engine's version keeper; step 1 creates the `migrations` table, so recording follows its SQL. */
export const engineVersionKeeper: SqliteVersionKeeper = {
  where: 'PRAGMA user_version',
  read: (db) => db.pragma('user_version', { simple: true }) as number,
  record(db, step) {
    db.prepare('INSERT INTO migrations (version, name) VALUES (?, ?)').run(step.version, step.name);
    db.pragma(`user_version = ${step.version}`);
  },
};

/** Brings the engine's schema up to the last step (runMigrations); returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  return runMigrations(db, migrations, engineVersionKeeper);
}
