/**
 * Group commit on PostgreSQL, the pure part: commits queued together are checked one after the
 * other with the engine's own planCommit (the same rules and errors as SQLite and memory), each
 * against the stored state as the earlier commits of the batch leave it, and what they write is
 * folded into one set of rows per table (the net effect: a timer set then fired in the same batch
 * is simply gone). A rejected commit writes nothing and does not stop the others.
 *
 * What planCommit reads is fetched first, in one query (`needsOf` says what), inside the write
 * transaction that holds the event_tail lock, so it is the latest committed state of every node.
 */
import type { CaseEvent, CaseRecord } from '../../../engine/runtime/case-record.ts';
import { anchorDayOf } from '../../../engine/store/event-hash.ts';
import { type CommitReader, planCommit } from '../../../engine/store/plan-commit.ts';
import type {
  Commit,
  DayAnchor,
  OutboxRecord,
  ScheduleRunRecord,
  ScoreFactRecord,
  TimerRecord,
  UserFactRecord,
} from '../../../engine/store/store.ts';

/** The stored state a batch is checked against, as fetched (then updated as commits are planned). */
export interface BatchState {
  readonly cases: Map<string, { version: number; lastHash: string }>;
  readonly timers: Set<string>;
  readonly outbox: Set<string>;
  readonly scoreFacts: Set<string>;
  readonly scheduleRuns: Set<string>;
  readonly anchors: Map<string, DayAnchor>;
  /** The last sequence of each case-number series the batch claims in (absent: none yet). */
  readonly numberSeries: Map<string, number>;
  /** The case numbers of the batch that stored cases already have. */
  readonly numbers: Set<string>;
  /** The newest event's position (0: none) and day, from event_tail. */
  tail: { pos: number; day: string | undefined };
}

/** The keys of everything the batch's commits may ask about. */
export interface BatchNeeds {
  readonly caseIds: string[];
  readonly timerIds: string[];
  readonly outboxIds: string[];
  readonly scoreFactIds: string[];
  readonly runs: { schedule: string[]; period: string[]; unit: string[] };
  readonly days: string[];
  readonly numberSeries: string[];
  readonly numbers: string[];
}

export const runKey = (schedule: string, period: string, unit: string) => JSON.stringify([schedule, period, unit]);

export function needsOf(commits: readonly Commit[]): BatchNeeds {
  const caseIds = new Set<string>();
  const timerIds = new Set<string>();
  const outboxIds = new Set<string>();
  const scoreFactIds = new Set<string>();
  const days = new Set<string>();
  const runs = { schedule: [] as string[], period: [] as string[], unit: [] as string[] };
  const numberSeries = new Set<string>();
  const numbers = new Set<string>();
  for (const commit of commits) {
    for (const { record } of commit.cases) {
      caseIds.add(record.id);
      if (record.number !== undefined) numbers.add(record.number);
    }
    for (const claim of commit.caseNumbers ?? []) numberSeries.add(claim.series);
    for (const event of commit.events) {
      caseIds.add(event.caseId);
      days.add(anchorDayOf(event.at));
    }
    for (const timer of commit.timers.schedule) caseIds.add(timer.caseId);
    if (commit.firedTimer !== undefined) timerIds.add(commit.firedTimer);
    for (const entry of commit.outbox) {
      outboxIds.add(entry.id);
      if (entry.caseId !== null) caseIds.add(entry.caseId);
    }
    for (const fact of commit.scoreFacts) {
      scoreFactIds.add(fact.id);
      if (fact.caseId !== null) caseIds.add(fact.caseId);
    }
    for (const run of commit.scheduleRuns ?? []) {
      runs.schedule.push(run.schedule);
      runs.period.push(run.period);
      runs.unit.push(run.unit);
      if (run.caseId !== null) caseIds.add(run.caseId);
    }
  }
  return {
    caseIds: [...caseIds],
    timerIds: [...timerIds],
    outboxIds: [...outboxIds],
    scoreFactIds: [...scoreFactIds],
    runs,
    days: [...days],
    numberSeries: [...numberSeries],
    numbers: [...numbers],
  };
}

/** The batch's rows, one set per table, ready for one write. */
export interface BatchWrites {
  /** The final record of each case the batch writes, with its last event's hash. */
  readonly cases: Map<string, { record: CaseRecord; lastHash: string }>;
  readonly events: { pos: number; event: CaseEvent }[];
  readonly timerDeletes: Set<string>;
  readonly timerUpserts: Map<string, TimerRecord>;
  readonly outbox: OutboxRecord[];
  readonly scoreFacts: ScoreFactRecord[];
  readonly userFacts: Map<string, UserFactRecord>;
  readonly scheduleRuns: ScheduleRunRecord[];
  readonly caseNumbers: { number: string; caseId: string }[];
  /** Each claimed series' last sequence after the batch. */
  readonly numberSeries: Map<string, number>;
  /** Each touched day's anchor after the batch's last event on it. */
  readonly anchors: Map<string, DayAnchor>;
  /** event_tail after the batch. */
  readonly tail: { pos: number; day: string | undefined };
}

export interface BatchPlan {
  /** Per commit, at the same index: undefined when it is in the writes, its error otherwise. */
  readonly errors: (unknown | undefined)[];
  readonly writes: BatchWrites;
  /** Whether any commit of the batch writes anything. */
  readonly writesAnything: boolean;
}

/** Plans every commit of the batch in order against `state`, which it updates as it goes. */
export function planBatch(commits: readonly Commit[], state: BatchState): BatchPlan {
  const reader: CommitReader = {
    caseVersion: (id) => state.cases.get(id)?.version,
    lastEventHash: (id) => state.cases.get(id)?.lastHash,
    timerExists: (id) => state.timers.has(id),
    outboxExists: (id) => state.outbox.has(id),
    scoreFactExists: (id) => state.scoreFacts.has(id),
    dayAnchor: (day) => state.anchors.get(day),
    tailDay: () => state.tail.day,
    scheduleRunExists: (schedule, period, unit) => state.scheduleRuns.has(runKey(schedule, period, unit)),
    lastCaseNumber: (series) => state.numberSeries.get(series) ?? 0,
    caseNumberExists: (number) => state.numbers.has(number),
  };
  const writes: BatchWrites = {
    cases: new Map(),
    events: [],
    timerDeletes: new Set(),
    timerUpserts: new Map(),
    outbox: [],
    scoreFacts: [],
    userFacts: new Map(),
    scheduleRuns: [],
    caseNumbers: [],
    numberSeries: new Map(),
    anchors: new Map(),
    tail: state.tail,
  };
  let writesAnything = false;
  const errors = commits.map((commit) => {
    let plan;
    try {
      plan = planCommit(commit, reader);
    } catch (error) {
      return error;
    }
    writesAnything = true;
    const lastHash = new Map<string, string>();
    plan.events.forEach((event, i) => {
      state.tail = { pos: state.tail.pos + 1, day: anchorDayOf(event.at) };
      writes.events.push({ pos: state.tail.pos, event });
      lastHash.set(event.caseId, event.hash);
      const anchor = plan.eventAnchors[i]!;
      state.anchors.set(anchor.day, anchor);
      writes.anchors.set(anchor.day, anchor);
    });
    for (const record of plan.cases) {
      const hash = lastHash.get(record.id) ?? state.cases.get(record.id)!.lastHash;
      state.cases.set(record.id, { version: record.version, lastHash: hash });
      writes.cases.set(record.id, { record, lastHash: hash });
    }
    const dropTimer = (id: string) => {
      state.timers.delete(id);
      writes.timerUpserts.delete(id);
      writes.timerDeletes.add(id);
    };
    if (plan.firedTimer !== undefined) dropTimer(plan.firedTimer);
    plan.cancel.forEach(dropTimer);
    for (const timer of plan.schedule) {
      state.timers.add(timer.id);
      writes.timerDeletes.delete(timer.id);
      writes.timerUpserts.set(timer.id, timer);
    }
    for (const entry of plan.outbox) {
      state.outbox.add(entry.id);
      writes.outbox.push(entry);
    }
    for (const fact of plan.scoreFacts) {
      state.scoreFacts.add(fact.id);
      writes.scoreFacts.push(fact);
    }
    for (const fact of plan.userFacts) writes.userFacts.set(JSON.stringify([fact.username, fact.fact]), fact);
    for (const run of plan.scheduleRuns) {
      state.scheduleRuns.add(runKey(run.schedule, run.period, run.unit));
      writes.scheduleRuns.push(run);
    }
    for (const n of plan.caseNumbers) {
      state.numbers.add(n.number);
      writes.caseNumbers.push(n);
    }
    for (const { series, last } of plan.numberSeries) {
      state.numberSeries.set(series, last);
      writes.numberSeries.set(series, last);
    }
    return undefined;
  });
  return { errors, writes: { ...writes, tail: state.tail }, writesAnything };
}
