import type Database from 'better-sqlite3';
import { prepareDayAnchors } from './sqlite-day-anchors.ts';
import { prepareScheduleRuns } from './sqlite-schedule-runs.ts';
import { EVENT_COLUMNS, OUTBOX_COLUMNS, SCORE_FACT_COLUMNS, TIMER_COLUMNS } from '../../rows/engine-rows.ts';

/**
 * Every fixed statement of the SQLite store, prepared once when the store opens (preparing is
 * the costly part of a small query). Column lists (adapters/rows/engine-rows.ts) are spelled
 * out so a later migration that adds a column does not change what these read.
 */
export function prepareStatements(db: Database.Database) {
  return {
    caseRecord: db.prepare('SELECT record FROM cases WHERE id = ?').pluck(),
    // A case's version and its last event's hash, which every commit needs, in one read.
    // With the indexed columns a commit compares before choosing how to write the case.
    caseHead: db.prepare(`
      SELECT version, unit, customer_user AS customerUser, next_deadline AS nextDeadline, last_pos AS lastPos,
             (SELECT hash FROM events WHERE pos = cases.last_pos) AS hash
      FROM cases WHERE id = ?`),
    countCases: db.prepare('SELECT count(*) FROM cases').pluck(),
    // The version is kept only in the record's JSON (no column): a scan of the open cases.
    openCaseCounts: db.prepare(
      "SELECT json_extract(record, '$.definitionVersion') AS definitionVersion, workflow, count(*) AS count FROM cases WHERE done = 0 GROUP BY 1, 2",
    ),
    // By the primary key: no sort, no other index.
    scanCases: db.prepare('SELECT record FROM cases WHERE id > ? ORDER BY id LIMIT ?').pluck(),
    // Positional parameters (bound from an array in column order): binding by name looks each one up.
    upsertCase: db.prepare(`
      INSERT INTO cases (id, workflow, unit, state, active_states, done, owner, assignee, watchers, customer_user,
                         version, created_at, updated_at, next_deadline, search_text, record, last_pos)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET
        workflow = excluded.workflow, unit = excluded.unit, state = excluded.state,
        active_states = excluded.active_states, done = excluded.done, owner = excluded.owner,
        assignee = excluded.assignee, watchers = excluded.watchers, customer_user = excluded.customer_user,
        version = excluded.version, created_at = excluded.created_at, updated_at = excluded.updated_at,
        next_deadline = excluded.next_deadline, search_text = excluded.search_text, record = excluded.record,
        last_pos = excluded.last_pos`),

    // A stored case whose unit and customer stay: the unchanging columns are not assigned, so their
    // index entries are not rewritten; the second form also moves the case's deadline.
    updateCase: db.prepare(`
      UPDATE cases SET state = ?, active_states = ?, done = ?, owner = ?, assignee = ?, watchers = ?, version = ?,
                       updated_at = ?, search_text = ?, record = ?, last_pos = ?
      WHERE id = ?`),
    updateCaseAndDeadline: db.prepare(`
      UPDATE cases SET state = ?, active_states = ?, done = ?, owner = ?, assignee = ?, watchers = ?, version = ?,
                       updated_at = ?, search_text = ?, record = ?, last_pos = ?, next_deadline = ?
      WHERE id = ?`),
    // The units listCases merges over when a query names none; a known unit writes nothing.
    addCaseUnit: db.prepare('INSERT OR IGNORE INTO case_units (unit) VALUES (?)'),

    // A case's events, walking its chain back from the case's last position (a rowid lookup each).
    // An event always comes after the one it links to, so even a tampered link cannot loop.
    history: db.prepare(`
      WITH RECURSIVE chain AS (
        SELECT events.* FROM events WHERE pos = (SELECT last_pos FROM cases WHERE id = ?)
        UNION ALL
        SELECT events.* FROM events JOIN chain ON events.pos = chain.prev_pos AND chain.prev_pos < chain.pos
      )
      SELECT ${EVENT_COLUMNS} FROM chain ORDER BY seq`),
    // With the running anchor of the event's day (day_hash, day_events), which only the store reads.
    insertEvent: db.prepare(
      `INSERT INTO events (pos, prev_pos, ${EVENT_COLUMNS}, day_hash, day_events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    eventsByPos: db.prepare(`SELECT pos, ${EVENT_COLUMNS} FROM events WHERE pos > ? ORDER BY pos LIMIT ?`),

    timerExists: db.prepare('SELECT 1 FROM timers WHERE id = ?').pluck(),
    deleteTimer: db.prepare('DELETE FROM timers WHERE id = ?'),
    putTimer: db.prepare('INSERT OR REPLACE INTO timers (id, case_id, due_at, event) VALUES (?, ?, ?, ?)'),
    dueTimers: db.prepare(DUE_TIMERS_SQL),
    nextTimerDue: db.prepare('SELECT min(due_at) FROM timers').pluck(),
    timersOf: db.prepare(`SELECT ${TIMER_COLUMNS} FROM timers WHERE case_id = ? ORDER BY due_at, id`),

    outboxExists: db.prepare('SELECT 1 FROM outbox WHERE id = ?').pluck(),
    insertOutbox: db.prepare(`
      INSERT INTO outbox (${OUTBOX_COLUMNS})
      VALUES (@id, @caseId, @channel, @recipient, @template, @subject, @body, @urgent, @createdAt, @notBefore, @status,
              @attempts, @lastError, @sentAt)`),
    pendingOutbox: db.prepare(`
      SELECT ${OUTBOX_COLUMNS} FROM outbox
      WHERE status IN ('queued', 'failed') AND not_before <= ?
      ORDER BY not_before, created_at, id LIMIT ?`),
    countDueTimers: db.prepare('SELECT count(*) FROM timers WHERE due_at <= ?').pluck(),
    countReadyOutbox: db
      .prepare("SELECT count(*) FROM outbox WHERE status IN ('queued', 'failed') AND not_before <= ?")
      .pluck(),
    outboxOf: db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE case_id = ? ORDER BY created_at, id`),
    inboxOf: db.prepare(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE recipient = ? AND channel = 'inapp' ORDER BY created_at DESC, id DESC LIMIT ?`,
    ),
    updateOutbox: db.prepare(`
      UPDATE outbox SET status = @status, attempts = @attempts, last_error = @lastError, sent_at = @sentAt,
                        not_before = @notBefore
      WHERE id = @id`),

    scoreFactExists: db.prepare('SELECT 1 FROM score_facts WHERE id = ?').pluck(),
    insertScoreFact: db.prepare(`
      INSERT INTO score_facts (id, fact, unit, case_id, at, data, reason)
      VALUES (@id, @fact, @unit, @caseId, @at, @data, @reason)`),

    caseIdByNumber: db.prepare('SELECT case_id FROM case_numbers WHERE number = ?').pluck(),
    insertCaseNumber: db.prepare('INSERT INTO case_numbers (number, case_id) VALUES (?, ?)'),
    lastCaseNumber: db.prepare('SELECT last FROM case_number_series WHERE series = ?').pluck(),
    putCaseNumberSeries: db.prepare('INSERT OR REPLACE INTO case_number_series (series, last) VALUES (?, ?)'),

    putUserFact: db.prepare(
      'INSERT OR REPLACE INTO user_facts (username, fact, value) VALUES (@username, @fact, @value)',
    ),
    userFacts: db.prepare('SELECT fact, value FROM user_facts WHERE username = ? ORDER BY fact'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

/**
 * All the store prepares on one connection. Preparing them is most of the cost of opening a store,
 * so each connection does it once: inline, the store's reads and its writer (sqlite-writer.ts)
 * use the same statements; the writer thread prepares its own on its own connection.
 */
export function prepareConnectionStatements(db: Database.Database) {
  return { q: prepareStatements(db), runs: prepareScheduleRuns(db), anchors: prepareDayAnchors(db) };
}

export type ConnectionStatements = ReturnType<typeof prepareConnectionStatements>;

/**
 * Every event by case and seq, for the audit: a sort of the whole table (no index keeps that order
 * any more, see migration 9), so it is read in one pass, not in pages.
 */
export const EVENTS_BY_CASE_SQL = `SELECT ${EVENT_COLUMNS} FROM events ORDER BY case_id, seq`;

/** Earliest first; served by timers_by_due (due_at, id) without a sort. Exported for EXPLAIN tests and the bench. */
export const DUE_TIMERS_SQL = `SELECT ${TIMER_COLUMNS} FROM timers WHERE due_at <= ? ORDER BY due_at, id LIMIT ?`;

/** Score facts by unit and period; only the filters present appear, so (unit, at) or (at) serves it. */
export function scoreFactsSql(query: { unit?: string; from?: number; to?: number }): {
  sql: string;
  params: unknown[];
} {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.unit !== undefined) (where.push('unit = ?'), params.push(query.unit));
  if (query.from !== undefined) (where.push('at >= ?'), params.push(query.from));
  if (query.to !== undefined) (where.push('at < ?'), params.push(query.to));
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return { sql: `SELECT ${SCORE_FACT_COLUMNS} FROM score_facts ${filter} ORDER BY at, id`, params };
}
