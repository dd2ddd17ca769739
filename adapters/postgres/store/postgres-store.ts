/**
 * The engine's Store on PostgreSQL (issue 17): the same contract as the SQLite and memory stores
 * (tests/engine/store/store-contract.ts runs on all three), for any number of server nodes sharing one database.
 *
 * - Commits: group commit under one lock across nodes (commit-writer.ts), checked by the engine's
 *   planCommit, so versions, exactly-once timers and schedule runs hold across nodes.
 * - Timers and outbox: claimed by one node at a time (claims.ts); a timer's row is deleted by the
 *   commit that fires it.
 * - Reads: single statements on the pool; the audit pages through events by key (never one query
 *   holding every row), the backlog counts without reading rows.
 * - Losing the database: every call rejects with StoreUnavailableError (503) and the pool
 *   reconnects by itself when it returns.
 *
 * Opening migrates the engine's tables (engine-migrations.ts) under the migration lock.
 */
import type { CaseRecord } from '../../../engine/runtime/case-record.ts';
import { compareBinary } from '../../../engine/store/binary-order.ts';
import type { AuditOrder, Store } from '../../../engine/store/store.ts';
import { OutboxNotFoundError, StoreClosedError } from '../../../engine/store/store-errors.ts';
import { coalescedLookup } from '../coalesced-lookup.ts';
import { openPostgres, type PostgresConnection, type PostgresOptions } from '../connection.ts';
import { migratePostgresEngine } from '../engine-migrations.ts';
import { ClaimKind, createClaims } from './claims.ts';
import type { CommitAnnouncer } from './commit-announcer.ts';
import { createCommitWriter } from './commit-writer.ts';
import { listCasesPage } from './list-cases.ts';
import {
  EVENT_COLUMNS,
  type EventRow,
  eventOf,
  OUTBOX_COLUMNS,
  type OutboxRow,
  outboxOf,
  SCHEDULE_RUN_COLUMNS,
  type ScheduleRunRow,
  scheduleRunOf,
  SCORE_FACT_COLUMNS,
  type ScoreFactRow,
  scoreFactOf,
  TIMER_COLUMNS,
  type TimerRow,
  timerOf,
} from '../../rows/engine-rows.ts';

/**
 * The second key of a claim's advisory lock: the row's id, with the schema, since advisory locks
 * are per database and one database may hold several installations' schemas (the tests do).
 */
const CLAIM_KEY = "hashtext(current_schema() || '/' || id)";

/** Events read per query while iterating the whole history. */
const AUDIT_PAGE = 1000;

export interface PostgresStore extends Store {
  /** The connection it uses (shared with the server's tables when it was given one). */
  readonly connection: PostgresConnection;
}

export interface PostgresStoreOptions extends PostgresOptions {
  /** Tells the other nodes of every commit in its own transaction (the cluster bus's announcer). */
  readonly announce?: CommitAnnouncer;
}

/**
 * Opens the store on `target`: a postgres:// URL (the store owns its pool and ends it on close)
 * or a connection the caller shares (the caller ends it).
 */
export async function openPostgresStore(
  target: string | PostgresConnection,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const owned = typeof target === 'string';
  const conn = owned ? await openPostgres(target, options) : target;
  try {
    await migratePostgresEngine(conn);
  } catch (error) {
    if (owned) await conn.close().catch(() => {});
    throw error;
  }
  return postgresStoreOn(conn, owned, options.announce);
}

/**
 * The store on a connection whose engine tables are already current (openPostgresStore migrates
 * first); `owned`: close() ends the connection too. The audit uses it on a snapshot (snapshot.ts).
 */
export function postgresStoreOn(conn: PostgresConnection, owned: boolean, announce?: CommitAnnouncer): PostgresStore {
  const writer = createCommitWriter(conn, announce);
  const claims = createClaims(conn);
  let closed = false;
  const open = () => {
    if (closed) throw new StoreClosedError();
  };
  const rows = async <R extends object>(name: string, text: string, values: unknown[] = []): Promise<R[]> => {
    open();
    return (await conn.query<R & Record<string, unknown>>({ name, text, values })).rows;
  };
  const one = async <R extends object>(name: string, text: string, values: unknown[] = []) =>
    (await rows<R>(name, text, values))[0];
  // Every request about a case reads it (often twice): the reads of concurrent requests go together.
  const caseById = coalescedLookup(async (ids) => {
    const found = await conn.query<{ id: string; record: string }>({
      name: 'sf_cases',
      text: 'SELECT id, record FROM cases WHERE id = ANY($1::text[])',
      values: [ids],
    });
    return new Map(found.rows.map((row) => [row.id, JSON.parse(row.record) as CaseRecord]));
  });

  return {
    connection: conn,

    async getCase(id) {
      open();
      return caseById(id);
    },

    async caseIdByNumber(number) {
      return (
        await one<{ case_id: string }>('sf_case_by_number', 'SELECT case_id FROM case_numbers WHERE number = $1', [
          number,
        ])
      )?.case_id;
    },

    async lastCaseNumber(series) {
      return (
        (
          await one<{ last: number }>('sf_last_case_number', 'SELECT last FROM case_number_series WHERE series = $1', [
            series,
          ])
        )?.last ?? 0
      );
    },

    async listCases(query) {
      open();
      return listCasesPage(
        async (text, values) =>
          (await conn.query<{ updated_at: number; id: string; record: string }>(text, values)).rows,
        query,
      );
    },

    async scanCases(afterId, limit) {
      const found = await rows<{ record: string }>(
        'sf_scan_cases',
        'SELECT record FROM cases WHERE id > $1 ORDER BY id LIMIT $2',
        [afterId ?? '', rowLimit(limit)],
      );
      return found.map((row) => JSON.parse(row.record) as CaseRecord);
    },

    async history(caseId) {
      return (
        await rows<EventRow>('sf_history', `SELECT ${EVENT_COLUMNS} FROM events WHERE case_id = $1 ORDER BY seq`, [
          caseId,
        ])
      ).map(eventOf);
    },

    async commit(commit) {
      open();
      try {
        await writer.commit(commit);
      } finally {
        if (commit.firedTimer !== undefined) await claims.release(ClaimKind.timer, commit.firedTimer).catch(() => {});
      }
    },

    async dueTimers(now, limit) {
      open();
      const n = rowLimit(limit);
      if (n === 0) return [];
      // Read a wider window than asked, so timers other nodes hold do not hide the rest.
      const claimed = await claims.claim<TimerRow & { claim_key: number }>(
        ClaimKind.timer,
        `WITH due AS MATERIALIZED (
           SELECT ${TIMER_COLUMNS}, ${CLAIM_KEY} AS claim_key FROM timers WHERE due_at <= $1 ORDER BY due_at, id LIMIT $2 * 4 FOR UPDATE SKIP LOCKED
         )
         SELECT ${TIMER_COLUMNS}, claim_key FROM due WHERE pg_try_advisory_lock($3, claim_key) LIMIT $2`,
        [now, n, ClaimKind.timer],
      );
      return claimed.map(timerOf).sort((a, b) => a.dueAt - b.dueAt || compareBinary(a.id, b.id));
    },

    async nextTimerDue() {
      return (await one<{ due: number | null }>('sf_next_timer', 'SELECT min(due_at) AS due FROM timers'))?.due ?? null;
    },

    async timersOf(caseId) {
      return (
        await rows<TimerRow>(
          'sf_timers_of',
          `SELECT ${TIMER_COLUMNS} FROM timers WHERE case_id = $1 ORDER BY due_at, id`,
          [caseId],
        )
      ).map(timerOf);
    },

    async pendingOutbox(now, limit) {
      open();
      const n = rowLimit(limit);
      if (n === 0) return [];
      const claimed = await claims.claim<OutboxRow & { claim_key: number }>(
        ClaimKind.outbox,
        `WITH ready AS MATERIALIZED (
           SELECT ${OUTBOX_COLUMNS}, ${CLAIM_KEY} AS claim_key FROM outbox WHERE status IN ('queued', 'failed') AND not_before <= $1
           ORDER BY not_before, created_at, id LIMIT $2 * 4 FOR UPDATE SKIP LOCKED
         )
         SELECT ${OUTBOX_COLUMNS}, claim_key FROM ready WHERE pg_try_advisory_lock($3, claim_key) LIMIT $2`,
        [now, n, ClaimKind.outbox],
      );
      return claimed
        .map(outboxOf)
        .sort((a, b) => a.notBefore - b.notBefore || a.createdAt - b.createdAt || compareBinary(a.id, b.id));
    },

    async backlog(now) {
      const row = await one<{ timers: number; outbox: number }>(
        'sf_backlog',
        `SELECT (SELECT count(*) FROM timers WHERE due_at <= $1) AS timers,
                (SELECT count(*) FROM outbox WHERE status IN ('queued', 'failed') AND not_before <= $1) AS outbox`,
        [now],
      );
      return { timersDue: row?.timers ?? 0, outboxReady: row?.outbox ?? 0 };
    },

    async outboxOf(caseId) {
      return (
        await rows<OutboxRow>(
          'sf_outbox_of',
          `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE case_id = $1 ORDER BY created_at, id`,
          [caseId],
        )
      ).map(outboxOf);
    },

    async inboxOf(recipient, limit) {
      const found = await rows<OutboxRow>(
        'sf_inbox_of',
        `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE recipient = $1 AND channel = 'inapp' ORDER BY created_at DESC, id DESC LIMIT $2`,
        [recipient, rowLimit(limit)],
      );
      return found.map(outboxOf);
    },

    async updateOutbox(id, change) {
      open();
      try {
        const result = await conn.query({
          name: 'sf_update_outbox',
          text: 'UPDATE outbox SET status = $2, attempts = $3, last_error = $4, sent_at = $5, not_before = $6 WHERE id = $1',
          values: [id, change.status, change.attempts, change.lastError, change.sentAt, change.notBefore],
        });
        if (result.rowCount === 0) throw new OutboxNotFoundError(id);
      } finally {
        await claims.release(ClaimKind.outbox, id).catch(() => {});
      }
    },

    async scoreFacts(query) {
      open();
      const where: string[] = [];
      const values: unknown[] = [];
      if (query.unit !== undefined) (values.push(query.unit), where.push(`unit = $${values.length}`));
      if (query.from !== undefined) (values.push(query.from), where.push(`at >= $${values.length}`));
      if (query.to !== undefined) (values.push(query.to), where.push(`at < $${values.length}`));
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const { rows: found } = await conn.query<ScoreFactRow & Record<string, unknown>>(
        `SELECT ${SCORE_FACT_COLUMNS} FROM score_facts ${filter} ORDER BY at, id`,
        values,
      );
      return found.map(scoreFactOf);
    },

    async lastScheduleRun(schedule) {
      const row = await one<ScheduleRunRow>(
        'sf_last_schedule_run',
        `SELECT ${SCHEDULE_RUN_COLUMNS} FROM schedule_runs WHERE schedule = $1 ORDER BY run_at DESC, period DESC, unit DESC LIMIT 1`,
        [schedule],
      );
      return row && scheduleRunOf(row);
    },

    async scheduleRuns(schedule, from) {
      const found = await rows<ScheduleRunRow>(
        'sf_schedule_runs',
        `SELECT ${SCHEDULE_RUN_COLUMNS} FROM schedule_runs WHERE schedule = $1 AND run_at >= $2 ORDER BY run_at, period, unit`,
        [schedule, from],
      );
      return found.map(scheduleRunOf);
    },

    async userFacts(username) {
      const found = await rows<{ fact: string; value: string }>(
        'sf_user_facts',
        'SELECT fact, value FROM user_facts WHERE username = $1 ORDER BY fact',
        [username],
      );
      return Object.fromEntries(found.map((row) => [row.fact, JSON.parse(row.value) as unknown]));
    },

    async *allEventsForAudit(order: AuditOrder = 'case') {
      open();
      // Keyset pages: each a short query by an index ((pos) or (case_id, seq)), none holding a
      // connection between pages, so the audit never keeps commits waiting.
      if (order === 'appended') {
        for (let pos = 0; ;) {
          const page = await rows<EventRow & { pos: number }>(
            'sf_events_by_pos',
            `SELECT pos, ${EVENT_COLUMNS} FROM events WHERE pos > $1 ORDER BY pos LIMIT $2`,
            [pos, AUDIT_PAGE],
          );
          for (const row of page) yield eventOf(row);
          if (page.length < AUDIT_PAGE) return;
          pos = page.at(-1)!.pos;
        }
      }
      let after: [string, number] = ['', 0];
      for (;;) {
        const page = await rows<EventRow>(
          'sf_events_by_case',
          `SELECT ${EVENT_COLUMNS} FROM events WHERE (case_id, seq) > ($1, $2) ORDER BY case_id, seq LIMIT $3`,
          [...after, AUDIT_PAGE],
        );
        for (const row of page) yield eventOf(row);
        if (page.length < AUDIT_PAGE) return;
        const last = page.at(-1)!;
        after = [last.case_id, last.seq];
      }
    },

    async dayAnchors() {
      return rows<{ day: string; hash: string; events: number }>(
        'sf_day_anchors',
        'SELECT day, hash, events FROM day_anchors ORDER BY day',
      );
    },

    async countCases() {
      return (await one<{ n: number }>('sf_count_cases', 'SELECT count(*) AS n FROM cases'))?.n ?? 0;
    },

    async openCaseCounts() {
      // The version is kept only in the record's JSON (no column): a scan of the open cases.
      const list = await rows<{ version: string; workflow: string; n: string | number }>(
        'sf_open_case_counts',
        "SELECT (record::jsonb)->>'definitionVersion' AS version, workflow, count(*) AS n FROM cases WHERE NOT done GROUP BY 1, 2",
      );
      return list.map((r) => ({ definitionVersion: r.version, workflow: r.workflow, count: Number(r.n) }));
    },

    async close() {
      if (closed) return;
      closed = true;
      await writer.close();
      await claims.close();
      if (owned) await conn.close();
    },
  };
}

/** A negative or non-finite limit reads nothing, as in the other stores. */
function rowLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}
