/**
 * How the PostgreSQL store writes commits: one batch in flight per process (group commit), in one
 * transaction that first locks the single event_tail row. That lock is the store's one writer
 * across every node, as SQLite has one writer per file: it makes event positions gapless and in
 * commit order (the order the day anchors fold), and what the batch reads after taking it (case
 * versions, fired timers, schedule runs…) is what every earlier commit of every node left, so
 * optimistic concurrency (StaleVersionError), exactly-once timers (TimerAlreadyFiredError) and
 * schedule runs (ScheduleRunDoneError) hold across nodes exactly as on one SQLite file.
 *
 * Round trips per batch, whatever its size: BEGIN with the lock, one read of what the commits
 * refer to (plan-batch.ts needsOf), one statement writing every table and notifying the other nodes
 * (commit-announcer.ts: delivered at COMMIT, dropped by a rollback), COMMIT. Commits that arrive
 * while a batch is written form the next one, so under load one COMMIT (one WAL flush) acknowledges
 * many. A promise resolves only after COMMIT. A database error in the write (which planCommit's
 * checks should have prevented) retries each commit of the batch alone, so only the bad one fails;
 * losing the connection fails the batch with StoreUnavailableError (written or not, as after a crash).
 */
import { reasonColumn } from '../../../engine/store/score-reason.ts';
import pg from 'pg';
import { nextDeadlineOf, searchTextOf } from '../../../engine/store/case-index-fields.ts';
import type { Commit } from '../../../engine/store/store.ts';
import { ScheduleRunDoneError, StoreClosedError } from '../../../engine/store/store-errors.ts';
import { isConnectionLoss, type PostgresConnection, storeErrorOf } from '../connection.ts';
import type { CommitAnnouncer } from './commit-announcer.ts';
import { type BatchState, type BatchWrites, needsOf, planBatch, runKey } from './plan-batch.ts';

/** Commits in one transaction at most (bounds the statement's parameters and a failed batch's retry). */
const MAX_BATCH = 200;

const READ_STATE_SQL = `
  SELECT 'c' AS k, id AS a, NULL AS b, NULL AS c, version AS n, last_hash AS h FROM cases WHERE id = ANY($1::text[])
  UNION ALL SELECT 't', id, NULL, NULL, NULL, NULL FROM timers WHERE id = ANY($2::text[])
  UNION ALL SELECT 'o', id, NULL, NULL, NULL, NULL FROM outbox WHERE id = ANY($3::text[])
  UNION ALL SELECT 'f', id, NULL, NULL, NULL, NULL FROM score_facts WHERE id = ANY($4::text[])
  UNION ALL SELECT 'r', schedule, period, unit, NULL, NULL FROM schedule_runs
    WHERE (schedule, period, unit) IN (SELECT * FROM unnest($5::text[], $6::text[], $7::text[]))
  UNION ALL SELECT 'd', day, NULL, NULL, events, hash FROM day_anchors WHERE day = ANY($8::text[])
  UNION ALL SELECT 's', series, NULL, NULL, last, NULL FROM case_number_series WHERE series = ANY($9::text[])
  UNION ALL SELECT 'n', number, NULL, NULL, NULL, NULL FROM case_numbers WHERE number = ANY($10::text[])`;

// Every table in one statement. Data-modifying CTEs all run; the sets they touch are disjoint
// (plan-batch.ts folds a batch into one row per key), and foreign keys are checked at its end.
const WRITE_SQL = `
  WITH
  c AS (
    INSERT INTO cases (id, workflow, unit, state, active_states, done, owner, assignee, watchers, customer_user,
                       version, created_at, updated_at, next_deadline, search_text, record, last_hash)
    SELECT id, workflow, unit, state, active_states::text[], done, owner, assignee, watchers::text[], customer_user,
           version, created_at, updated_at, next_deadline, search_text, record, last_hash
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::int[], $12::bigint[], $13::bigint[], $14::bigint[], $15::text[], $16::text[],
                $17::text[])
      AS t(id, workflow, unit, state, active_states, done, owner, assignee, watchers, customer_user, version,
           created_at, updated_at, next_deadline, search_text, record, last_hash)
    ON CONFLICT (id) DO UPDATE SET
      workflow = excluded.workflow, unit = excluded.unit, state = excluded.state, active_states = excluded.active_states,
      done = excluded.done, owner = excluded.owner, assignee = excluded.assignee, watchers = excluded.watchers,
      customer_user = excluded.customer_user, version = excluded.version, created_at = excluded.created_at,
      updated_at = excluded.updated_at, next_deadline = excluded.next_deadline, search_text = excluded.search_text,
      record = excluded.record, last_hash = excluded.last_hash
    RETURNING 1),
  e AS (
    INSERT INTO events (pos, case_id, seq, type, actor, actor_unit, at, definition_version, data, from_states, to_states,
                        effects, hash, prev_hash)
    SELECT * FROM unnest($18::bigint[], $19::text[], $20::int[], $21::text[], $22::text[], $23::text[], $24::bigint[],
                         $25::text[], $26::text[], $27::text[], $28::text[], $29::text[], $30::text[], $31::text[])
    RETURNING 1),
  -- Most batches fire no timer: the one-time filter skips the table then (the generic plan of this
  -- prepared statement scanned every timer for an empty list).
  td AS (DELETE FROM timers WHERE cardinality($32::text[]) > 0 AND id = ANY($32::text[]) RETURNING 1),
  tu AS (
    INSERT INTO timers (id, case_id, due_at, event)
    SELECT * FROM unnest($33::text[], $34::text[], $35::bigint[], $36::text[])
    ON CONFLICT (id) DO UPDATE SET case_id = excluded.case_id, due_at = excluded.due_at, event = excluded.event
    RETURNING 1),
  o AS (
    INSERT INTO outbox (id, case_id, channel, recipient, template, subject, body, urgent, created_at, not_before, status,
                        attempts, last_error, sent_at)
    SELECT * FROM unnest($37::text[], $38::text[], $39::text[], $40::text[], $41::text[], $42::text[], $43::text[],
                         $44::boolean[], $45::bigint[], $46::bigint[], $47::text[], $48::int[], $49::text[], $50::bigint[])
    RETURNING 1),
  f AS (
    INSERT INTO score_facts (id, fact, unit, case_id, at, data, reason)
    SELECT * FROM unnest($51::text[], $52::text[], $53::text[], $54::text[], $55::bigint[], $56::text[], $57::text[])
    RETURNING 1),
  uf AS (
    INSERT INTO user_facts (username, fact, value)
    SELECT * FROM unnest($58::text[], $59::text[], $60::text[])
    ON CONFLICT (username, fact) DO UPDATE SET value = excluded.value
    RETURNING 1),
  r AS (
    INSERT INTO schedule_runs (schedule, period, unit, run_at, case_id, error, recorded_at)
    SELECT * FROM unnest($61::text[], $62::text[], $63::text[], $64::bigint[], $65::text[], $66::text[], $67::bigint[])
    RETURNING 1),
  d AS (
    INSERT INTO day_anchors (day, hash, events)
    SELECT * FROM unnest($68::text[], $69::text[], $70::int[])
    ON CONFLICT (day) DO UPDATE SET hash = excluded.hash, events = excluded.events
    RETURNING 1),
  tail AS (UPDATE event_tail SET pos = $71, day = $72 RETURNING 1),
  n AS (
    INSERT INTO case_numbers (number, case_id)
    SELECT * FROM unnest($73::text[], $74::text[])
    RETURNING 1),
  s AS (
    INSERT INTO case_number_series (series, last)
    SELECT * FROM unnest($75::text[], $76::int[])
    ON CONFLICT (series) DO UPDATE SET last = excluded.last
    RETURNING 1),
  -- Told to the other nodes when (and only if) this transaction commits. A CTE with a volatile
  -- function is never inlined, so counting it runs every pg_notify.
  nt AS (SELECT pg_notify($77, p) FROM unnest($78::text[]) AS p)
  SELECT (SELECT count(*) FROM e) AS events, (SELECT count(*) FROM nt) AS notified`;

interface StateRow {
  k: 'c' | 't' | 'o' | 'f' | 'r' | 'd' | 's' | 'n';
  a: string;
  b: string | null;
  c: string | null;
  n: number | null;
  h: string | null;
}

export interface CommitWriter {
  commit(commit: Commit): Promise<void>;
  /** Writes what is queued, then refuses more. */
  close(): Promise<void>;
}

/** `announce`: what the other nodes are told of each batch, in its transaction (commit-announcer.ts). */
export function createCommitWriter(conn: PostgresConnection, announce?: CommitAnnouncer): CommitWriter {
  type Queued = { commit: Commit; resolve: () => void; reject: (e: unknown) => void };
  let queue: Queued[] = [];
  let writing: Promise<void> | undefined;
  let closed = false;

  const drain = async () => {
    while (queue.length > 0) await writeNext();
    writing = undefined;
  };

  /**
   * Writes the next batch. It is taken from the queue only once the transaction holds the
   * event_tail lock: commits that arrived while this node waited for another node's transaction
   * join this one instead of waiting for a transaction of their own.
   */
  const writeNext = async (): Promise<void> => {
    const taken: { batch?: Queued[] } = {};
    const take = () => {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      taken.batch = batch;
      return batch.map((q) => q.commit);
    };
    try {
      const outcome = await writeInTransaction(conn, take, announce);
      settle(taken.batch!, outcome);
    } catch (error) {
      // Failed before the batch was taken (the database is away): the commits waiting fail with it.
      if (taken.batch === undefined) take();
      await failed(taken.batch!, error);
    }
  };

  /** Writes `batch` as it is (a retry), in one transaction. */
  const writeBatch = async (batch: Queued[]): Promise<void> => {
    try {
      settle(batch, await writeInTransaction(conn, () => batch.map((q) => q.commit), announce));
    } catch (error) {
      await failed(batch, error);
    }
  };

  const settle = (batch: Queued[], outcome: (unknown | undefined)[]) =>
    batch.forEach((item, i) => (outcome[i] === undefined ? item.resolve() : item.reject(outcome[i])));

  const failed = async (batch: Queued[], error: unknown): Promise<void> => {
    if (batch.length > 1 && !isConnectionLoss(error)) {
      // One commit broke a database rule that planning did not foresee: write each alone.
      for (const item of batch) await writeBatch([item]);
      return;
    }
    const mapped = storeErrorOf(error, conn.target);
    for (const item of batch) item.reject(uniqueRunError(mapped, item.commit));
  };

  return {
    commit(commit) {
      if (closed) return Promise.reject(new StoreClosedError());
      return new Promise<void>((resolve, reject) => {
        queue.push({ commit, resolve, reject });
        writing ??= drain();
      });
    },
    async close() {
      closed = true;
      await writing;
    },
  };
}

/**
 * Plans and writes in one transaction the commits `take` gives once the event_tail lock is held;
 * returns each commit's error (undefined: written).
 */
async function writeInTransaction(
  conn: PostgresConnection,
  take: () => readonly Commit[],
  announce: CommitAnnouncer | undefined,
): Promise<(unknown | undefined)[]> {
  const client = await conn.connect();
  let broken: Error | undefined;
  try {
    const [, locked] = (await client.query(
      'BEGIN; SELECT pos, day FROM event_tail FOR UPDATE',
    )) as unknown as pg.QueryResult<{ pos: number; day: string | null }>[];
    const tail = locked!.rows[0]!;
    const commits = take();
    const state = await readState(client, commits, { pos: tail.pos, day: tail.day ?? undefined });
    const plan = planBatch(commits, state);
    if (plan.writesAnything) {
      const payloads = announce?.payloads(commits.filter((_, i) => plan.errors[i] === undefined)) ?? [];
      await client.query({
        name: 'sf_write_batch',
        text: WRITE_SQL,
        values: [...writeValues(plan.writes), announce?.channel ?? '', payloads],
      });
    }
    await client.query('COMMIT');
    return plan.errors;
  } catch (error) {
    if (isConnectionLoss(error)) broken = error as Error;
    else await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function readState(
  client: pg.PoolClient,
  commits: readonly Commit[],
  tail: BatchState['tail'],
): Promise<BatchState> {
  const needs = needsOf(commits);
  const { rows } = await client.query<StateRow>({
    name: 'sf_read_commit_state',
    text: READ_STATE_SQL,
    values: [
      needs.caseIds,
      needs.timerIds,
      needs.outboxIds,
      needs.scoreFactIds,
      needs.runs.schedule,
      needs.runs.period,
      needs.runs.unit,
      needs.days,
      needs.numberSeries,
      needs.numbers,
    ],
  });
  const state: BatchState = {
    cases: new Map(),
    timers: new Set(),
    outbox: new Set(),
    scoreFacts: new Set(),
    scheduleRuns: new Set(),
    anchors: new Map(),
    numberSeries: new Map(),
    numbers: new Set(),
    tail,
  };
  for (const row of rows) {
    if (row.k === 'c') state.cases.set(row.a, { version: row.n!, lastHash: row.h! });
    else if (row.k === 't') state.timers.add(row.a);
    else if (row.k === 'o') state.outbox.add(row.a);
    else if (row.k === 'f') state.scoreFacts.add(row.a);
    else if (row.k === 'r') state.scheduleRuns.add(runKey(row.a, row.b!, row.c!));
    else if (row.k === 's') state.numberSeries.set(row.a, row.n!);
    else if (row.k === 'n') state.numbers.add(row.a);
    else state.anchors.set(row.a, { day: row.a, hash: row.h!, events: row.n! });
  }
  return state;
}

/** Column arrays in WRITE_SQL's parameter order, up to the notifications ($77, $78). */
function writeValues(w: BatchWrites): unknown[] {
  const cases = [...w.cases.values()];
  const events = w.events;
  const upserts = [...w.timerUpserts.values()];
  const userFacts = [...w.userFacts.values()];
  const anchors = [...w.anchors.values()];
  const col = <T>(items: readonly T[], pick: (item: T) => unknown) => items.map(pick);
  return [
    col(cases, (c) => c.record.id),
    col(cases, (c) => c.record.workflow),
    col(cases, (c) => c.record.unit),
    col(cases, (c) => c.record.state),
    col(cases, (c) => textArray(c.record.activeStates)),
    col(cases, (c) => c.record.done),
    col(cases, (c) => c.record.owner ?? null),
    col(cases, (c) => c.record.assignee ?? null),
    col(cases, (c) => textArray(c.record.watchers ?? [])),
    col(cases, (c) => c.record.customerUser ?? null),
    col(cases, (c) => c.record.version),
    col(cases, (c) => c.record.createdAt),
    col(cases, (c) => c.record.updatedAt),
    col(cases, (c) => nextDeadlineOf(c.record)),
    col(cases, (c) => searchTextOf(c.record)),
    col(cases, (c) => JSON.stringify(c.record)),
    col(cases, (c) => c.lastHash),

    col(events, (e) => e.pos),
    col(events, (e) => e.event.caseId),
    col(events, (e) => e.event.seq),
    col(events, (e) => e.event.type),
    col(events, (e) => e.event.actor),
    col(events, (e) => e.event.actorUnit),
    col(events, (e) => e.event.at),
    col(events, (e) => e.event.definitionVersion),
    col(events, (e) => JSON.stringify(e.event.data)),
    col(events, (e) => JSON.stringify(e.event.from)),
    col(events, (e) => JSON.stringify(e.event.to)),
    col(events, (e) => JSON.stringify(e.event.effects)),
    col(events, (e) => e.event.hash),
    col(events, (e) => e.event.prevHash),

    [...w.timerDeletes],
    col(upserts, (t) => t.id),
    col(upserts, (t) => t.caseId),
    col(upserts, (t) => t.dueAt),
    col(upserts, (t) => JSON.stringify(t.event)),

    col(w.outbox, (o) => o.id),
    col(w.outbox, (o) => o.caseId),
    col(w.outbox, (o) => o.channel),
    col(w.outbox, (o) => o.recipient),
    col(w.outbox, (o) => o.template),
    col(w.outbox, (o) => o.subject),
    col(w.outbox, (o) => o.body),
    col(w.outbox, (o) => o.urgent),
    col(w.outbox, (o) => o.createdAt),
    col(w.outbox, (o) => o.notBefore),
    col(w.outbox, (o) => o.status),
    col(w.outbox, (o) => o.attempts),
    col(w.outbox, (o) => o.lastError),
    col(w.outbox, (o) => o.sentAt),

    col(w.scoreFacts, (f) => f.id),
    col(w.scoreFacts, (f) => f.fact),
    col(w.scoreFacts, (f) => f.unit),
    col(w.scoreFacts, (f) => f.caseId),
    col(w.scoreFacts, (f) => f.at),
    col(w.scoreFacts, (f) => JSON.stringify(f.data)),
    col(w.scoreFacts, (f) => reasonColumn(f.reason)),

    col(userFacts, (u) => u.username),
    col(userFacts, (u) => u.fact),
    col(userFacts, (u) => JSON.stringify(u.value)),

    col(w.scheduleRuns, (r) => r.schedule),
    col(w.scheduleRuns, (r) => r.period),
    col(w.scheduleRuns, (r) => r.unit),
    col(w.scheduleRuns, (r) => r.runAt),
    col(w.scheduleRuns, (r) => r.caseId),
    col(w.scheduleRuns, (r) => r.error),
    col(w.scheduleRuns, (r) => r.recordedAt),

    col(anchors, (a) => a.day),
    col(anchors, (a) => a.hash),
    col(anchors, (a) => a.events),

    w.tail.pos,
    w.tail.day ?? null,

    col(w.caseNumbers, (n) => n.number),
    col(w.caseNumbers, (n) => n.caseId),
    [...w.numberSeries.keys()],
    [...w.numberSeries.values()],
  ];
}

/** A PostgreSQL array literal of strings, for a text[] column passed through unnest as text. */
function textArray(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * A schedule run recorded between the read and the write cannot happen (the tail lock orders
 * them), but its unique key is the last word: a duplicate reads as ScheduleRunDoneError.
 */
function uniqueRunError(error: unknown, commit: Commit): unknown {
  const constraint = (error as { constraint?: unknown }).constraint;
  const run = commit.scheduleRuns?.[0];
  if (constraint === 'schedule_runs_pkey' && run) return new ScheduleRunDoneError(run.schedule, run.period, run.unit);
  return error;
}
