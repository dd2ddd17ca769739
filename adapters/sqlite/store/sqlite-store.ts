import Database from 'better-sqlite3';
import type { CaseRecord } from '../../../engine/runtime/case-record.ts';
import { sqliteListCases } from './sqlite-list-cases.ts';
import { isPrivateDatabase, openSqliteConnection, type SqliteConnectionOptions } from './sqlite-connection.ts';
import { EVENTS_BY_CASE_SQL, prepareConnectionStatements, scoreFactsSql } from './sqlite-statements.ts';
import {
  type EventRow,
  eventOf,
  type OutboxRow,
  outboxOf,
  type ScoreFactRow,
  scoreFactOf,
  type TimerRow,
  timerOf,
} from '../../rows/engine-rows.ts';
import { inlineWrites } from './sqlite-store-writes.ts';
import { startSqliteWriterThread } from './sqlite-writer-thread.ts';
import type { AuditOrder, OpenCaseCount, Store } from '../../../engine/store/store.ts';
import { StoreClosedError } from '../../../engine/store/store-errors.ts';

export interface SqliteStoreOptions extends SqliteConnectionOptions {
  /**
   * Where commits are written. 'inline' (default): on the store's connection, in the calling
   * thread. 'thread': on a worker thread's connection (sqlite-writer-thread.ts), which takes the
   * planning, hashing and writing of commits off the calling thread, while reads stay on the
   * store's connection; for a server whose event loop is the bottleneck. A database in memory has
   * no second connection and is always written inline. The server does not use it yet: on the
   * 2-core bench machine its request thread spent 93 instead of 125 µs of CPU per event, but it
   * served only 4-6% more events a second (the load generator and the writer share the other core).
   */
  readonly writer?: 'inline' | 'thread';
}

/** The SQLite store: the engine's Store, and what only a file can do. */
export interface SqliteStore extends Store {
  /** A consistent copy of the whole database in `file`, taken while it stays in use (SQLite's online backup). */
  backup(file: string): Promise<void>;
}

/**
 * Events read per query while iterating the whole history, so an audit never holds the connection busy between reads.
 */
const AUDIT_PAGE = 1000;

/**
 * The embedded store: one SQLite file (`:memory:` also works, without WAL). Opening migrates the
 * file to the current schema. Calls are synchronous underneath (better-sqlite3); reads resolve at
 * once, commits once their transaction has committed (group commit, sqlite-store-writes.ts).
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  const db = openSqliteConnection(file, options, { migrate: true });
  const memory = isPrivateDatabase(file);
  // Inline, the writer works on this connection: it takes these statements rather than preparing them again.
  const statements = prepareConnectionStatements(db);
  let writes;
  try {
    writes =
      options.writer === 'thread' && !memory
        ? startSqliteWriterThread(file, options)
        : inlineWrites(db, file, statements);
  } catch (error) {
    db.close();
    throw error;
  }
  const { q, runs, anchors } = statements;
  const listCases = sqliteListCases(db, q.caseRecord);
  const dynamic = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = dynamic.get(sql);
    if (!statement) dynamic.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const open = () => {
    if (!db.open) throw new StoreClosedError();
  };

  return {
    async getCase(id) {
      open();
      const record = q.caseRecord.get(id) as string | undefined;
      return record === undefined ? undefined : (JSON.parse(record) as CaseRecord);
    },

    async caseIdByNumber(number) {
      open();
      return q.caseIdByNumber.get(number) as string | undefined;
    },

    async lastCaseNumber(series) {
      open();
      return (q.lastCaseNumber.get(series) as number | undefined) ?? 0;
    },

    async listCases(query) {
      open();
      return listCases(query);
    },

    async scanCases(afterId, limit) {
      open();
      return (q.scanCases.all(afterId ?? '', rowLimit(limit)) as string[]).map(
        (record) => JSON.parse(record) as CaseRecord,
      );
    },

    async history(caseId) {
      open();
      return (q.history.all(caseId) as EventRow[]).map(eventOf);
    },

    async commit(commit) {
      open();
      return writes.commit(commit);
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

    async backlog(now) {
      open();
      return { timersDue: q.countDueTimers.get(now) as number, outboxReady: q.countReadyOutbox.get(now) as number };
    },

    async outboxOf(caseId) {
      open();
      return (q.outboxOf.all(caseId) as OutboxRow[]).map(outboxOf);
    },

    async inboxOf(recipient, limit) {
      open();
      return (q.inboxOf.all(recipient, rowLimit(limit)) as OutboxRow[]).map(outboxOf);
    },

    async updateOutbox(id, change) {
      open();
      return writes.updateOutbox(id, change);
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
        for (let pos = 0; ;) {
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

    async openCaseCounts() {
      open();
      return q.openCaseCounts.all() as OpenCaseCount[];
    },

    async backup(file) {
      open();
      // SQLite's online backup: a consistent copy while the store keeps serving. In one step: a
      // step-wise backup starts over whenever another connection writes, so under a steady load
      // it never finished; one step reads a single WAL snapshot and writers are not blocked.
      await db.backup(file, { progress: ({ totalPages }) => Math.max(totalPages, 1) + 1024 });
    },

    async close() {
      await writes.close();
      if (db.open) db.close();
    },
  };
}

/** SQLite treats a negative LIMIT as "no limit"; the memory store as zero. Zero it is, in both. */
function rowLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}
