import type { Localized } from '../localized.ts';
import type { CaseEvent, CaseRecord } from '../runtime/case-record.ts';

/** A durable timer: an SLA threshold or a workflow `after` timer. Fired exactly once. */
export interface TimerRecord {
  /** Deterministic id, e.g. `${caseId}:sla:response:breach`, so re-scheduling replaces. */
  readonly id: string;
  readonly caseId: string;
  readonly dueAt: number;
  /** The internal event the scheduler sends to the case when due. */
  readonly event: { readonly type: string; readonly data: Readonly<Record<string, unknown>> };
}

/** A notification written in the same transaction as the event that causes it (outbox). */
export interface OutboxRecord {
  readonly id: string;
  readonly caseId: string | null;
  readonly channel: string;
  readonly recipient: string;
  readonly template: string;
  readonly subject: string;
  readonly body: string;
  readonly urgent: boolean;
  readonly createdAt: number;
  /** Not before this time (quiet hours hold non-urgent notifications until working time). */
  readonly notBefore: number;
  readonly status: 'queued' | 'sent' | 'failed';
  readonly attempts: number;
  readonly lastError: string | null;
  readonly sentAt: number | null;
}

/** A fact that scorecard rules count, e.g. a breach, a missed return visit, a praise. */
export interface ScoreFactRecord {
  readonly id: string;
  readonly fact: string;
  readonly unit: string;
  readonly caseId: string | null;
  readonly at: number;
  readonly data: Readonly<Record<string, unknown>>;
  /**
   * Why the fact was recorded: as the definition wrote it ({zh, en}, shown to readers in their
   * language), or one English string (a definition's plain reason, or the engine's default).
   */
  readonly reason: Localized;
}

/**
 * A fact recorded about a user by a workflow (e.g. `qualified: false` after a failed training
 * assessment, TRAIN-2). The latest value per (username, fact) is kept; how it changed is in the
 * history of the case whose event set it.
 */
export interface UserFactRecord {
  readonly username: string;
  readonly fact: string;
  readonly value: unknown;
}

/**
 * One run of a Schedule definition for one unit, kept so that a run happens exactly once across
 * restarts and concurrent schedulers: (schedule, period, unit) is unique. A record with period and
 * unit '' marks when the schedule was first seen (runs before it are not made up).
 */
export interface ScheduleRunRecord {
  readonly schedule: string;
  /** The period's label, e.g. "2026-11", "2026-W48", "2026-11-26", "2026". */
  readonly period: string;
  readonly unit: string;
  /** When the run was due (epoch ms). */
  readonly runAt: number;
  /** The case the run created, in the same commit; null for the start mark or a failed run. */
  readonly caseId: string | null;
  /** Why no case was created (e.g. the start form refused the schedule's data); null otherwise. */
  readonly error: string | null;
  readonly recordedAt: number;
}

/**
 * A new case's human number (e.g. BX-2026-00001), claimed in the commit that creates the case:
 * `seq` must be the next of `series` (the series' last committed sequence + 1, counting earlier
 * claims of the same commit), and the case's record carries the number itself. So two creators
 * that read the same last sequence cannot both commit: the second gets CaseNumberTakenError, reads
 * again and retries — numbers stay unique, and gapless, because a claim is kept only with its case.
 */
export interface CaseNumberClaim {
  readonly caseId: string;
  /** The number's text around its sequence, e.g. "BX-2026-{seq}" (see case-numbering.ts). */
  readonly series: string;
  readonly seq: number;
}

/** Everything one applied event changes, written atomically or not at all. */
export interface Commit {
  /** Cases written by this commit; `expectedVersion` is the version read (0 for a new case). */
  readonly cases: readonly { readonly record: CaseRecord; readonly expectedVersion: number }[];
  readonly events: readonly Omit<CaseEvent, 'hash' | 'prevHash'>[];
  readonly timers: { readonly schedule: readonly TimerRecord[]; readonly cancel: readonly string[] };
  readonly outbox: readonly OutboxRecord[];
  readonly scoreFacts: readonly ScoreFactRecord[];
  /** Applied in order, so the last value given for a (username, fact) wins. */
  readonly userFacts?: readonly UserFactRecord[];
  /** The timer whose firing caused this commit; deleted in the same transaction (exactly once). */
  readonly firedTimer?: string;
  /** Schedule runs this commit performs; a run already recorded rejects the whole commit (ScheduleRunDoneError). */
  readonly scheduleRuns?: readonly ScheduleRunRecord[];
  /** Numbers of cases this commit creates (expectedVersion 0), each the record's `number`. */
  readonly caseNumbers?: readonly CaseNumberClaim[];
}

export interface CaseQuery {
  readonly workflow?: string;
  /** Matches a leaf state path or any prefix of one. */
  readonly state?: string;
  /** Only cases whose unit is one of these (the caller expands scopes). */
  readonly units?: readonly string[];
  readonly customerUser?: string;
  readonly involving?: string;
  readonly overdueAt?: number;
  readonly text?: string;
  readonly limit?: number;
  /** Opaque cursor from a previous page. */
  readonly cursor?: string;
}

/** Thrown by `commit` when a case's stored version differs from `expectedVersion`. Nothing is written. */
export class StaleVersionError extends Error {
  readonly code = 'STALE_VERSION';
  constructor(
    readonly caseId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`case ${caseId} is at version ${actual}, not ${expected}`);
    this.name = 'StaleVersionError';
  }
}

/**
 * The storage behind the engine, owned by the core and implemented by the memory store, the SQLite
 * store (adapters/sqlite/store/sqlite-store.ts, which adds its own `backup`) and the PostgreSQL store
 * (adapters/postgres/store). Async for PostgreSQL; the memory and SQLite stores resolve at once.
 * Text orders (ids in listCases and scanCases, facts, schedule periods) are by code point in all.
 */
export interface Store {
  getCase(id: string): Promise<CaseRecord | undefined>;
  /** The id of the case whose `number` this is (exactly, as written), if any. */
  caseIdByNumber(number: string): Promise<string | undefined>;
  /** The last sequence committed in a series of case numbers (see CaseNumberClaim); 0 when none. */
  lastCaseNumber(series: string): Promise<number>;
  listCases(query: CaseQuery): Promise<{ items: CaseRecord[]; next: string | null }>;
  /**
   * Up to `limit` cases after `afterId` (all from the start when undefined), in id order (the
   * byte order of their UTF-8, i.e. code points, in every store): a pass over every case, each once,
   * for work that needs no particular order (projection catch-up). Cheaper than listCases, which
   * orders by recency across units.
   */
  scanCases(afterId: string | undefined, limit: number): Promise<CaseRecord[]>;
  history(caseId: string): Promise<CaseEvent[]>;
  /**
   * Atomic: all of it or nothing. Rejects with StaleVersionError on a version conflict, and with
   * CaseNumberTakenError when a claimed case number is not the next of its series.
   */
  commit(commit: Commit): Promise<void>;
  /** Due timers, earliest first, using the due-time index. */
  dueTimers(now: number, limit: number): Promise<TimerRecord[]>;
  nextTimerDue(): Promise<number | null>;
  /** A case's pending timers, earliest first. For inspection (tests, tools): it reads every pending timer. */
  timersOf(caseId: string): Promise<TimerRecord[]>;
  /** Outbox entries ready to deliver at `now` (queued or failed with retry due), oldest first. */
  pendingOutbox(now: number, limit: number): Promise<OutboxRecord[]>;
  /** How many timers are due and outbox entries ready at `now`, counted without reading them (for metrics). */
  backlog(now: number): Promise<{ readonly timersDue: number; readonly outboxReady: number }>;
  outboxOf(caseId: string): Promise<OutboxRecord[]>;
  /** A person's in-app notifications (channel `inapp`, recipient their username), newest first. */
  inboxOf(recipient: string, limit: number): Promise<OutboxRecord[]>;
  updateOutbox(
    id: string,
    change: Pick<OutboxRecord, 'status' | 'attempts' | 'lastError' | 'sentAt' | 'notBefore'>,
  ): Promise<void>;
  /** Facts of `unit` with `from <= at < to`, ordered by (at, id). */
  scoreFacts(query: { unit?: string; from?: number; to?: number }): Promise<ScoreFactRecord[]>;
  /** The run of `schedule` with the latest runAt (ties: the greatest period, then unit), if any. */
  lastScheduleRun(schedule: string): Promise<ScheduleRunRecord | undefined>;
  /** Runs of `schedule` with runAt >= `from`, ordered by (runAt, period, unit). */
  scheduleRuns(schedule: string, from: number): Promise<ScheduleRunRecord[]>;
  /** The latest value of every fact recorded about `username`, by fact name ({} when none). */
  userFacts(username: string): Promise<Record<string, unknown>>;
  /**
   * Every stored event, for `audit verify`. 'case' (default): by (caseId, seq), so each case's
   * hash chain reads in order. 'appended': in the order the store appended them, which is the
   * order the day anchors folded them in.
   */
  allEventsForAudit(order?: AuditOrder): AsyncIterable<CaseEvent>;
  /** One anchor per UTC day that has events, ascending by day (see event-hash.ts). */
  dayAnchors(): Promise<DayAnchor[]>;
  countCases(): Promise<number>;
  /**
   * Open (not done) cases counted by the definition version they run on and their workflow: what
   * an administrator weighs before migrating them (issue 18). Reads every open case once.
   */
  openCaseCounts(): Promise<OpenCaseCount[]>;
  close(): Promise<void>;
}

export type AuditOrder = 'case' | 'appended';

export interface OpenCaseCount {
  readonly definitionVersion: string;
  readonly workflow: string;
  readonly count: number;
}

/**
 * A running hash over every event appended with `at` on `day` (UTC, YYYY-MM-DD), in append order;
 * publishing it (e.g. in a daily report) makes a later rewrite of that day's history detectable.
 */
export interface DayAnchor {
  readonly day: string;
  readonly hash: string;
  /** How many events the hash folds in. */
  readonly events: number;
}
