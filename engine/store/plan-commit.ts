import type { CaseEvent, CaseRecord } from '../runtime/case-record.ts';
import { anchorDayOf, GENESIS_HASH, hashEvent, nextDayAnchor } from './event-hash.ts';
import type {
  CaseNumberClaim,
  Commit,
  DayAnchor,
  OutboxRecord,
  ScheduleRunRecord,
  ScoreFactRecord,
  TimerRecord,
  UserFactRecord,
} from './store.ts';
import { StaleVersionError } from './store.ts';
import {
  CaseNumberTakenError,
  type CommitProblem,
  CommitProblemCode,
  InvalidCommitError,
  ScheduleRunDoneError,
  TimerAlreadyFiredError,
} from './store-errors.ts';

/** What planCommit needs to read; each store answers from inside its write transaction. */
export interface CommitReader {
  caseVersion(caseId: string): number | undefined;
  lastEventHash(caseId: string): string | undefined;
  timerExists(id: string): boolean;
  outboxExists(id: string): boolean;
  scoreFactExists(id: string): boolean;
  /** The current anchor of `day` (undefined: no event on that day yet). */
  dayAnchor(day: string): DayAnchor | undefined;
  /** The day of the newest stored event (the tail day), undefined before the first event. */
  tailDay(): string | undefined;
  scheduleRunExists(schedule: string, period: string, unit: string): boolean;
  /** The series' last committed sequence (0 when none). */
  lastCaseNumber(series: string): number;
  /** Whether a stored case has this number. */
  caseNumberExists(number: string): boolean;
}

/**
 * The writes of one valid commit, hashed, ready to apply without further checks. Its values may
 * share objects with the commit: the SQLite store serializes them anyway, and the memory store
 * copies the plan before keeping it.
 */
export interface CommitPlan {
  readonly cases: readonly CaseRecord[];
  readonly events: readonly CaseEvent[];
  /**
   * For each event, at the same index, its day's anchor once it is folded in (the SQLite store keeps it in the event's
   * row).
   */
  readonly eventAnchors: readonly DayAnchor[];
  /**
   * The anchors of the days that stop being the tail day with this commit, to be written to
   * day_anchors (see sealedDays); none when the events stay on the tail day, the usual case.
   */
  readonly seals: readonly DayAnchor[];
  /**
   * Apply in this order: delete firedTimer, delete cancel, then upsert schedule — so a timer can re-arm itself under
   * the same id.
   */
  readonly firedTimer: string | undefined;
  readonly cancel: readonly string[];
  readonly schedule: readonly TimerRecord[];
  readonly outbox: readonly OutboxRecord[];
  readonly scoreFacts: readonly ScoreFactRecord[];
  readonly userFacts: readonly UserFactRecord[];
  readonly scheduleRuns: readonly ScheduleRunRecord[];
  /** Each new number with its case, and each claimed series' new last sequence. */
  readonly caseNumbers: readonly { readonly number: string; readonly caseId: string }[];
  readonly numberSeries: readonly { readonly series: string; readonly last: number }[];
}

/**
 * Validates a commit against the stored state and computes what to write, touching nothing: both
 * stores call it first and mutate only if it returns, which is what makes a rejected commit
 * write nothing in the memory store, and keeps the two stores' rules identical.
 *
 * Rejections, in order: TimerAlreadyFiredError (so a scheduler drops the timer rather than
 * retrying), ScheduleRunDoneError (likewise for a schedule run), StaleVersionError,
 * CaseNumberTakenError (a claimed case number is not its series' next), then InvalidCommitError
 * listing every broken invariant: each case
 * listed once; a case's new version is its expected version plus the number of its events in
 * the commit, at least one (P-7: no change without a recorded event); seqs continue the history;
 * timers, outbox entries and facts name known cases; new ids are unused; a new case has a number
 * exactly when the commit claims one for it, and no two cases have the same number.
 */
export function planCommit(commit: Commit, reader: CommitReader): CommitPlan {
  if (commit.firedTimer !== undefined && !reader.timerExists(commit.firedTimer)) {
    throw new TimerAlreadyFiredError(commit.firedTimer);
  }
  const runs = commit.scheduleRuns ?? [];
  const runKeys = new Set<string>();
  for (const run of runs) {
    // A repeat inside the commit is the same mistake as one already stored: it would run twice.
    const key = JSON.stringify([run.schedule, run.period, run.unit]);
    if (runKeys.has(key) || reader.scheduleRunExists(run.schedule, run.period, run.unit))
      throw new ScheduleRunDoneError(run.schedule, run.period, run.unit);
    runKeys.add(key);
  }
  for (const { record, expectedVersion } of commit.cases) {
    const actual = reader.caseVersion(record.id) ?? 0;
    if (actual !== expectedVersion) throw new StaleVersionError(record.id, expectedVersion, actual);
  }

  const numberSeries = claimSeries(commit, reader);

  const problems: CommitProblem[] = [];
  const expectedOf = new Map<string, number>();
  commit.cases.forEach(({ record, expectedVersion }, i) => {
    if (expectedOf.has(record.id)) {
      problems.push({
        code: CommitProblemCode.duplicateCase,
        path: `/cases/${i}`,
        message: `case ${record.id} is listed twice; write its final record once`,
      });
    }
    expectedOf.set(record.id, expectedVersion);
  });

  const nextSeq = new Map(expectedOf);
  commit.events.forEach((event, i) => {
    const last = nextSeq.get(event.caseId);
    if (last === undefined) {
      problems.push({
        code: CommitProblemCode.eventWithoutCase,
        path: `/events/${i}/caseId`,
        message: `event for case ${event.caseId} but the commit does not write that case's record; add it to cases`,
      });
      return;
    }
    if (event.seq !== last + 1) {
      problems.push({
        code: CommitProblemCode.eventSequence,
        path: `/events/${i}/seq`,
        message: `case ${event.caseId} continues at seq ${last + 1}, not ${event.seq}`,
      });
    }
    nextSeq.set(event.caseId, last + 1);
  });
  commit.cases.forEach(({ record, expectedVersion }, i) => {
    const events = (nextSeq.get(record.id) ?? expectedVersion) - expectedVersion;
    if (events === 0) {
      problems.push({
        code: CommitProblemCode.versionMismatch,
        path: `/cases/${i}`,
        message: `case ${record.id} is written without an event; every change to a case is recorded as an event (P-7)`,
      });
    } else if (record.version !== expectedVersion + events) {
      problems.push({
        code: CommitProblemCode.versionMismatch,
        path: `/cases/${i}/record/version`,
        message: `case ${record.id} goes from version ${expectedVersion} with ${events} event(s), so its version must be ${expectedVersion + events}, not ${record.version}`,
      });
    }
  });

  // Scheduling replaces a timer of the same id (re-arming is normal), so only in-commit repeats count.
  checkIds(commit.timers.schedule, '/timers/schedule', null, expectedOf, reader, problems);
  checkIds(commit.outbox, '/outbox', 'outboxExists', expectedOf, reader, problems);
  checkIds(commit.scoreFacts, '/scoreFacts', 'scoreFactExists', expectedOf, reader, problems);
  runs.forEach((run, i) => {
    if (run.caseId !== null && !knownCase(run.caseId, expectedOf, reader)) {
      problems.push({
        code: CommitProblemCode.unknownCase,
        path: `/scheduleRuns/${i}/caseId`,
        message: `case ${run.caseId} does not exist`,
      });
    }
  });
  const caseNumbers = checkNumbers(commit, reader, problems);
  if (problems.length > 0) throw new InvalidCommitError(problems);

  return {
    cases: commit.cases.map(({ record }) => record),
    ...hashEvents(commit, reader),
    firedTimer: commit.firedTimer,
    cancel: [...commit.timers.cancel],
    // Named fields only (here and for events), so both stores keep exactly what the SQLite columns hold.
    schedule: commit.timers.schedule.map((t) => ({ id: t.id, caseId: t.caseId, dueAt: t.dueAt, event: t.event })),
    outbox: commit.outbox.map((o) => ({
      id: o.id,
      caseId: o.caseId,
      channel: o.channel,
      recipient: o.recipient,
      template: o.template,
      subject: o.subject,
      body: o.body,
      urgent: o.urgent,
      createdAt: o.createdAt,
      notBefore: o.notBefore,
      status: o.status,
      attempts: o.attempts,
      lastError: o.lastError,
      sentAt: o.sentAt,
    })),
    scoreFacts: commit.scoreFacts.map((f) => ({
      id: f.id,
      fact: f.fact,
      unit: f.unit,
      caseId: f.caseId,
      at: f.at,
      data: f.data,
      reason: f.reason,
    })),
    // A value JSON cannot hold (undefined) is stored as null, as the SQLite column would.
    userFacts: (commit.userFacts ?? []).map((u) => ({ username: u.username, fact: u.fact, value: u.value ?? null })),
    scheduleRuns: runs.map((r) => ({
      schedule: r.schedule,
      period: r.period,
      unit: r.unit,
      runAt: r.runAt,
      caseId: r.caseId,
      error: r.error,
      recordedAt: r.recordedAt,
    })),
    caseNumbers,
    numberSeries,
  };
}

const NO_SERIES: CommitPlan['numberSeries'] = [];
const NO_NUMBERS: CommitPlan['caseNumbers'] = [];
const NO_CLAIMS: readonly CaseNumberClaim[] = [];

/** Each claim must be its series' next sequence (earlier claims of the commit count); the series' new lasts. */
function claimSeries(commit: Commit, reader: CommitReader): CommitPlan['numberSeries'] {
  const claims = commit.caseNumbers;
  if (claims === undefined || claims.length === 0) return NO_SERIES;
  const last = new Map<string, number>();
  for (const { series, seq } of claims) {
    const current = last.get(series) ?? reader.lastCaseNumber(series);
    if (seq !== current + 1) throw new CaseNumberTakenError(series, seq, current);
    last.set(series, seq);
  }
  return [...last].map(([series, seq]) => ({ series, last: seq }));
}

/** A new case has a number exactly when a claim names it, and the number is no other case's. */
function checkNumbers(commit: Commit, reader: CommitReader, problems: CommitProblem[]): CommitPlan['caseNumbers'] {
  const claims = commit.caseNumbers ?? NO_CLAIMS;
  if (claims.length === 0) {
    // Most commits: no case is created with a number.
    for (let i = 0; i < commit.cases.length; i++) {
      const { record, expectedVersion } = commit.cases[i]!;
      if (expectedVersion === 0 && record.number !== undefined) {
        problems.push({
          code: CommitProblemCode.caseNumber,
          path: `/cases/${i}/record/number`,
          message: `case ${record.id} has a number that no claim in the commit gives it`,
        });
      }
    }
    return NO_NUMBERS;
  }
  const claimed = new Map<string, number>();
  claims.forEach((c, i) => {
    if (claimed.has(c.caseId))
      problems.push({
        code: CommitProblemCode.caseNumber,
        path: `/caseNumbers/${i}/caseId`,
        message: `case ${c.caseId} is numbered twice`,
      });
    claimed.set(c.caseId, i);
  });
  const numbers: { number: string; caseId: string }[] = [];
  const seen = new Set<string>();
  commit.cases.forEach(({ record, expectedVersion }, i) => {
    const claim = claimed.get(record.id);
    if (expectedVersion !== 0) {
      if (claim !== undefined)
        problems.push({
          code: CommitProblemCode.caseNumber,
          path: `/caseNumbers/${claim}`,
          message: `case ${record.id} exists already; a number is claimed when a case is created`,
        });
      return;
    }
    if (record.number === undefined) {
      if (claim !== undefined)
        problems.push({
          code: CommitProblemCode.caseNumber,
          path: `/cases/${i}/record/number`,
          message: `case ${record.id} is claimed a number but its record has none`,
        });
      return;
    }
    if (claim === undefined) {
      problems.push({
        code: CommitProblemCode.caseNumber,
        path: `/cases/${i}/record/number`,
        message: `case ${record.id} has a number that no claim in the commit gives it`,
      });
      return;
    }
    if (seen.has(record.number) || reader.caseNumberExists(record.number)) {
      problems.push({
        code: CommitProblemCode.caseNumber,
        path: `/cases/${i}/record/number`,
        message: `number ${record.number} is already another case's`,
      });
    }
    seen.add(record.number);
    numbers.push({ number: record.number, caseId: record.id });
  });
  claims.forEach((c, i) => {
    if (!commit.cases.some(({ record }) => record.id === c.caseId))
      problems.push({
        code: CommitProblemCode.unknownCase,
        path: `/caseNumbers/${i}/caseId`,
        message: `the commit does not create case ${c.caseId}`,
      });
  });
  return numbers.length === 0 ? NO_NUMBERS : numbers;
}

// Module functions rather than closures made per commit: under tsx (keepNames) each closure costs
// an Object.defineProperty, and these run for every commit.
function knownCase(id: string, inCommit: ReadonlyMap<string, number>, reader: CommitReader): boolean {
  return inCommit.has(id) || reader.caseVersion(id) !== undefined;
}

function checkIds(
  items: readonly { id: string; caseId: string | null }[],
  path: string,
  stored: 'outboxExists' | 'scoreFactExists' | null,
  inCommit: ReadonlyMap<string, number>,
  reader: CommitReader,
  problems: CommitProblem[],
): void {
  if (items.length === 0) return;
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id) || (stored !== null && reader[stored](item.id))) {
      problems.push({
        code: CommitProblemCode.duplicateId,
        path: `${path}/${i}/id`,
        message: `id ${item.id} is already used`,
      });
    }
    seen.add(item.id);
    if (item.caseId !== null && !knownCase(item.caseId, inCommit, reader)) {
      problems.push({
        code: CommitProblemCode.unknownCase,
        path: `${path}/${i}/caseId`,
        message: `case ${item.caseId} does not exist`,
      });
    }
  });
}

function hashEvents(
  commit: Commit,
  reader: CommitReader,
): { events: CaseEvent[]; eventAnchors: DayAnchor[]; seals: DayAnchor[] } {
  const lastHash = new Map<string, string>();
  const anchors = new Map<string, DayAnchor>();
  const eventAnchors: DayAnchor[] = [];
  const events = commit.events.map((input) => {
    const prevHash = lastHash.get(input.caseId) ?? reader.lastEventHash(input.caseId) ?? GENESIS_HASH;
    // hashEvent reads the same named fields.
    const hash = hashEvent(input, prevHash);
    const event: CaseEvent = {
      caseId: input.caseId,
      seq: input.seq,
      type: input.type,
      actor: input.actor,
      actorUnit: input.actorUnit,
      at: input.at,
      definitionVersion: input.definitionVersion,
      data: input.data,
      from: input.from,
      to: input.to,
      effects: input.effects,
      hash,
      prevHash,
    };
    lastHash.set(event.caseId, event.hash);
    const day = anchorDayOf(event.at);
    const previous = anchors.get(day) ?? reader.dayAnchor(day) ?? { day, hash: GENESIS_HASH, events: 0 };
    const anchor = { day, hash: nextDayAnchor(previous.hash, event.hash), events: previous.events + 1 };
    anchors.set(day, anchor);
    eventAnchors.push(anchor);
    return event;
  });
  return { events, eventAnchors, seals: sealedDays(anchors, eventAnchors.at(-1)?.day, reader) };
}

/**
 * The SQLite store keeps the anchor of the tail day (the day of the newest event) in that event's
 * row, and every other day's in its day_anchors row. So a commit writes day_anchors only for the
 * days that are not the new tail day: each day it touched but the last event's, and the previous
 * tail day if the tail moves away from it. Days may interleave when the clock steps back across
 * midnight: each switch seals the day left, so every anchor stays exact.
 */
function sealedDays(
  touched: ReadonlyMap<string, DayAnchor>,
  newTail: string | undefined,
  reader: CommitReader,
): DayAnchor[] {
  if (newTail === undefined) return [];
  const seals: DayAnchor[] = [];
  for (const anchor of touched.values()) if (anchor.day !== newTail) seals.push(anchor);
  const oldTail = reader.tailDay();
  if (oldTail !== undefined && oldTail !== newTail && !touched.has(oldTail)) {
    const anchor = reader.dayAnchor(oldTail);
    if (anchor !== undefined) seals.push(anchor);
  }
  return seals;
}
