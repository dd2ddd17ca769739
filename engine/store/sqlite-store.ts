import Database from 'better-sqlite3';
import type { CaseEvent, CaseRecord } from '../runtime/case-record.ts';
import { nextDeadlineOf, searchTextOf } from './case-index-fields.ts';
import { sqliteListCases } from './sqlite-list-cases.ts';
import { migrate } from './migrations.ts';
import { type CommitPlan, type CommitReader, planCommit } from './plan-commit.ts';
import { prepareDayAnchors } from './sqlite-day-anchors.ts';
import { prepareScheduleRuns } from './sqlite-schedule-runs.ts';
import { EVENTS_BY_CASE_SQL, prepareStatements, scoreFactsSql } from './sqlite-statements.ts';
import { type EventRow, eventOf, type OutboxRow, outboxOf, type ScoreFactRow, scoreFactOf, type TimerRow, timerOf } from './sqlite-rows.ts';
import type { AuditOrder, DayAnchor, Store } from './store.ts';
import { OutboxNotFoundError, StoreClosedError } from './store-errors.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';
import { createFlushTiming } from './flush-timing.ts';

export interface SqliteStoreOptions {
  /** How long a write waits for another connection's transaction before failing (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /**
   * 'normal' (default): durable across a crash of the process (SIGKILL, out of memory) — the WAL
   * is in the OS before commit returns; an OS crash or power loss may undo the last transactions.
   * 'full': fsync at every commit, durable across power loss too, at about 0.4 ms per commit.
   */
  readonly synchronous?: 'normal' | 'full';
}

/** Events read per query while iterating the whole history, so an audit never holds the connection busy between reads. */
const AUDIT_PAGE = 1000;

/**
 * The embedded store: one SQLite file (`:memory:` also works, without WAL). Opening migrates the
 * file to the current schema. Calls are synchronous underneath (better-sqlite3) and resolve at once.
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const db = new Database(file);
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
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  // Checkpoints (copying the log back into the file, an fsync on each side, tens of milliseconds)
  // run on a worker thread rather than inside whichever commit crosses SQLite's threshold.
  const memory = file === ':memory:' || file === '';
  const checkpointer = memory ? undefined : startWalCheckpointer(db, file);
  const q = prepareStatements(db);
  const listCases = sqliteListCases(db);
  const runs = prepareScheduleRuns(db);
  const anchors = prepareDayAnchors(db);
  const dynamic = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = dynamic.get(sql);
    if (!statement) dynamic.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const open = () => {
    if (!db.open) throw new StoreClosedError();
  };

  // Positions of the commit's events and the links of each case's chain (migration 9), numbered
  // here so that each case row names its last event in the same write as the rest of the row: the
  // append order goes on from the newest event (max pos + 1, as SQLite's own rowids would).
  const lastPosOf = new Map<string, number | null>();
  const write = (plan: CommitPlan, heads: ReadonlyMap<string, CaseHead | undefined>) => {
    lastPosOf.clear();
    const base = anchors.newestPos();
    const links: (number | null)[] = [];
    plan.events.forEach((event, i) => {
      links.push(lastPosOf.has(event.caseId) ? lastPosOf.get(event.caseId)! : (heads.get(event.caseId)?.lastPos ?? null));
      lastPosOf.set(event.caseId, base + i + 1);
    });
    for (const record of plan.cases) writeCase(record, heads.get(record.id), lastPosOf.get(record.id) ?? heads.get(record.id)?.lastPos ?? null);
    plan.events.forEach((event, i) => q.insertEvent.run(base + i + 1, links[i], ...eventRow(event, plan.eventAnchors[i]!)));
    for (const anchor of plan.seals) anchors.seal(anchor);
    if (plan.firedTimer !== undefined) q.deleteTimer.run(plan.firedTimer);
    for (const id of plan.cancel) q.deleteTimer.run(id);
    for (const timer of plan.schedule) q.putTimer.run({ ...timer, event: JSON.stringify(timer.event) });
    for (const entry of plan.outbox) q.insertOutbox.run({ ...entry, urgent: entry.urgent ? 1 : 0 });
    for (const fact of plan.scoreFacts) q.insertScoreFact.run({ ...fact, data: JSON.stringify(fact.data) });
    for (const fact of plan.userFacts) q.putUserFact.run({ ...fact, value: JSON.stringify(fact.value) });
    for (const run of plan.scheduleRuns) runs.insert(run);
  };
  // An index entry is rewritten whenever its column is assigned, even to the same value, and is
  // one more page in the log. A case already stored keeps its unit and customer as a rule, and most
  // events leave its SLA deadline alone: then only the columns that change are assigned.
  const writeCase = (record: CaseRecord, head: CaseHead | undefined, lastPos: number | null) => {
    const deadline = nextDeadlineOf(record);
    if (head === undefined || head.unit !== record.unit || head.customerUser !== (record.customerUser ?? null)) {
      q.upsertCase.run(caseRow(record, deadline, lastPos));
      q.addCaseUnit.run(record.unit);
      return;
    }
    const changes = [
      JSON.stringify(record.state), JSON.stringify(record.activeStates), record.done ? 1 : 0, record.owner ?? null, record.assignee ?? null,
      JSON.stringify(record.watchers ?? []), record.version, record.updatedAt, searchTextOf(record), JSON.stringify(record), lastPos,
    ];
    if (head.nextDeadline === deadline) q.updateCase.run(...changes, record.id);
    else q.updateCaseAndDeadline.run(...changes, deadline, record.id);
  };
  // Check and write in one transaction; IMMEDIATE takes the write lock before the version reads,
  // so another connection cannot commit between our check and our write.
  // planCommit asks for a case's version, then for its last hash: one read answers both, kept in
  // `heads` for the commit under way. The reader is made once (a closure per commit is garbage
  // and, under tsx's keepNames, a defineProperty each).
  const heads = new Map<string, CaseHead | undefined>();
  const head = (id: string) => {
    if (!heads.has(id)) heads.set(id, q.caseHead.get(id) as CaseHead | undefined);
    return heads.get(id);
  };
  const reader: CommitReader = {
    caseVersion: (id) => head(id)?.version,
    lastEventHash: (id) => head(id)?.hash ?? undefined,
    timerExists: (id) => q.timerExists.get(id) !== undefined,
    outboxExists: (id) => q.outboxExists.get(id) !== undefined,
    scoreFactExists: (id) => q.scoreFactExists.get(id) !== undefined,
    dayAnchor: anchors.anchorOf,
    tailDay: anchors.tailDay,
    scheduleRunExists: runs.exists,
  };
  const commitTx = db.transaction((commit: Parameters<Store['commit']>[0]) => {
    heads.clear();
    anchors.beginCommit();
    write(planCommit(commit, reader), heads);
  });

  // Group commit: commits queued together (see flush-timing.ts for when the queue is written) go
  // in one transaction, each inside its own savepoint (a nested transaction), so one fsync
  // acknowledges them all and a conflict in one fails only that one. Each promise resolves after
  // COMMIT, so nothing is acknowledged before it is durable. Under load this turns N fsyncs into one.
  type Queued = { commit: Parameters<Store['commit']>[0]; resolve: () => void; reject: (e: unknown) => void; error?: unknown };
  let queue: Queued[] = [];
  const writeBatch = db.transaction((batch: Queued[]) => {
    for (const item of batch) {
      try {
        commitTx(item.commit);
      } catch (error) {
        item.error = error;
      }
    }
  });
  const flushQueue = () => {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return; // close() flushed it already
    timing.flushed(batch.length);
    try {
      if (!db.open) throw new StoreClosedError();
      // A batch of one (every commit of a caller that waits for the last) needs no savepoint.
      if (batch.length === 1) commitTx.immediate(batch[0]!.commit);
      else writeBatch.immediate(batch);
    } catch (error) {
      for (const item of batch) item.reject(item.error ?? error);
      return;
    }
    for (const item of batch) (item.error === undefined ? item.resolve() : item.reject(item.error));
    checkpointer?.afterCommit();
  };
  const timing = createFlushTiming(flushQueue);

  return {
    async getCase(id) {
      open();
      const record = q.caseRecord.get(id) as string | undefined;
      return record === undefined ? undefined : (JSON.parse(record) as CaseRecord);
    },

    async listCases(query) {
      open();
      return listCases(query);
    },

    async scanCases(afterId, limit) {
      open();
      return (q.scanCases.all(afterId ?? '', rowLimit(limit)) as string[]).map((record) => JSON.parse(record) as CaseRecord);
    },

    async history(caseId) {
      open();
      return (q.history.all(caseId) as EventRow[]).map(eventOf);
    },

    async commit(commit) {
      open();
      return new Promise<void>((resolve, reject) => {
        queue.push({ commit, resolve, reject });
        if (queue.length === 1) timing.schedule();
      });
    },

    async dueTimers(now, limit) {
      open();
      return (q.dueTimers.all(now, rowLimit(limit)) as TimerRow[]).map(timerOf);
    },

    async nextTimerDue() {
      open();
      return (q.nextTimerDue.get() as number | null | undefined) ?? null;
    },

    async timersOf(caseId) {
      open();
      return (q.timersOf.all(caseId) as TimerRow[]).map(timerOf);
    },

    async pendingOutbox(now, limit) {
      open();
      return (q.pendingOutbox.all(now, rowLimit(limit)) as OutboxRow[]).map(outboxOf);
    },

    async outboxOf(caseId) {
      open();
      return (q.outboxOf.all(caseId) as OutboxRow[]).map(outboxOf);
    },

    async updateOutbox(id, change) {
      open();
      const { status, attempts, lastError, sentAt, notBefore } = change;
      const result = q.updateOutbox.run({ id, status, attempts, lastError, sentAt, notBefore });
      if (result.changes === 0) throw new OutboxNotFoundError(id);
    },

    async scoreFacts(query) {
      open();
      const { sql, params } = scoreFactsSql(query);
      return (prepared(sql).all(...params) as ScoreFactRow[]).map(scoreFactOf);
    },

    async lastScheduleRun(schedule) {
      open();
      return runs.last(schedule);
    },

    async scheduleRuns(schedule, from) {
      open();
      return runs.since(schedule, from);
    },

    async userFacts(username) {
      open();
      const rows = q.userFacts.all(username) as { fact: string; value: string }[];
      return Object.fromEntries(rows.map((row) => [row.fact, JSON.parse(row.value) as unknown]));
    },

    async *allEventsForAudit(order: AuditOrder = 'case') {
      open();
      if (order === 'appended') {
        for (let pos = 0; ; ) {
          const rows = q.eventsByPos.all(pos, AUDIT_PAGE) as (EventRow & { pos: number })[];
          for (const row of rows) yield eventOf(row);
          const last = rows.at(-1);
          if (!last || rows.length < AUDIT_PAGE) return;
          pos = last.pos;
        }
      }
      // No index keeps (case, seq) order: one sorted pass, on a connection of its own so that the
      // store's stays free for commits meanwhile (an open query holds its connection), and over
      // one snapshot. A database in memory has no second connection; it is small, so read at once.
      if (memory) {
        for (const row of db.prepare(EVENTS_BY_CASE_SQL).all() as EventRow[]) yield eventOf(row);
        return;
      }
      const reader = new Database(file, { readonly: true, fileMustExist: true });
      const rows = reader.prepare(EVENTS_BY_CASE_SQL).iterate() as IterableIterator<EventRow>;
      try {
        for (const row of rows) yield eventOf(row);
      } finally {
        rows.return?.(); // a caller that stops early leaves the query open, and an open query keeps its connection busy
        reader.close();
      }
    },

    async dayAnchors() {
      open();
      return anchors.all();
    },

    async countCases() {
      open();
      return q.countCases.get() as number;
    },

    async backup(file) {
      open();
      // SQLite's online backup: a consistent copy while the store keeps serving. In one step: a
      // step-wise backup starts over whenever another connection writes, so under a steady load
      // it never finished; one step reads a single WAL snapshot and writers are not blocked.
      await db.backup(file, { progress: ({ totalPages }) => Math.max(totalPages, 1) + 1024 });
    },

    async close() {
      if (queue.length) flushQueue();
      await checkpointer?.close();
      if (db.open) db.close();
    },
  };
}

interface CaseHead {
  readonly version: number;
  readonly hash: string | null;
  readonly unit: string;
  readonly customerUser: string | null;
  readonly nextDeadline: number | null;
  /** Position of the case's last event, where its chain starts (migration 9). */
  readonly lastPos: number | null;
}

/** SQLite treats a negative LIMIT as "no limit"; the memory store as zero. Zero it is, in both. */
function rowLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}

/** The cases columns in upsertCase's order. */
function caseRow(record: CaseRecord, nextDeadline: number | null, lastPos: number | null): unknown[] {
  return [
    record.id,
    record.workflow,
    record.unit,
    JSON.stringify(record.state),
    JSON.stringify(record.activeStates),
    record.done ? 1 : 0,
    record.owner ?? null,
    record.assignee ?? null,
    JSON.stringify(record.watchers ?? []),
    record.customerUser ?? null,
    record.version,
    record.createdAt,
    record.updatedAt,
    nextDeadline,
    searchTextOf(record),
    JSON.stringify(record),
    lastPos,
  ];
}

/** The events columns in insertEvent's order, ending with the event's running day anchor. */
function eventRow(event: CaseEvent, anchor: DayAnchor): unknown[] {
  return [
    event.caseId,
    event.seq,
    event.type,
    event.actor,
    event.actorUnit ?? null,
    event.at,
    event.definitionVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.from),
    JSON.stringify(event.to),
    JSON.stringify(event.effects),
    event.hash,
    event.prevHash,
    anchor.hash,
    anchor.events,
  ];
}
