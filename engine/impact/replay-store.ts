import type { CaseRecord } from '../runtime/case-record.ts';
import type { Commit, OutboxRecord, ScoreFactRecord, Store, TimerRecord } from '../store/store.ts';
import { UnsupportedStoreOperationError } from '../store/store-errors.ts';
import { TimerHeap } from './timer-heap.ts';

/**
 * The store an impact replay runs the engine on: cases, timers, notifications and score facts in
 * memory, nothing written anywhere. Unlike the memory store it keeps no event history, hash chain
 * or JSON copies and finds due timers in a heap: a replay of a large company's month holds a
 * hundred thousand cases with their timers at once, and the memory store scans every timer for
 * each due one. The engine never changes a record it was given (decisions build new ones), so
 * handing out the stored objects is safe here.
 */
export interface ReplayStore extends Store {
  /** Every case the replay wrote, in the order they were first written. */
  allCases(): IterableIterator<CaseRecord>;
  outboxByCase(): ReadonlyMap<string, readonly OutboxRecord[]>;
  allScoreFacts(): readonly ScoreFactRecord[];
  /** nextTimerDue without a promise: asked before every replayed event, most often in vain. */
  nextDue(): number | null;
}

/** `onNewCase`: told of each case the moment a commit creates it (before the next decision). */
export function createReplayStore(onNewCase: (record: CaseRecord) => void): ReplayStore {
  const cases = new Map<string, CaseRecord>();
  const timers = new Map<string, TimerRecord>();
  const heap = new TimerHeap();
  const outbox = new Map<string, OutboxRecord[]>();
  const facts: ScoreFactRecord[] = [];
  const userFacts = new Map<string, Record<string, unknown>>();
  // Numbers are claimed as in any store (the engine numbers the replayed cases), unchecked: one writer.
  const numberSeries = new Map<string, number>();
  const numbers = new Map<string, string>();
  const nextDue = (): number | null => {
    for (;;) {
      const next = heap.peek();
      if (!next) return null;
      if (timers.get(next.id) === next) return next.dueAt;
      heap.pop();
    }
  };
  const unsupported = (operation: string) => () =>
    Promise.reject(new UnsupportedStoreOperationError(operation, 'replay'));

  return {
    async getCase(id) {
      return cases.get(id);
    },
    async caseIdByNumber(number) {
      return numbers.get(number);
    },
    async lastCaseNumber(series) {
      return numberSeries.get(series) ?? 0;
    },
    async commit(commit: Commit) {
      for (const { record, expectedVersion } of commit.cases) {
        if (expectedVersion === 0 && !cases.has(record.id)) {
          cases.set(record.id, record);
          onNewCase(record);
        } else cases.set(record.id, record);
      }
      if (commit.firedTimer !== undefined) timers.delete(commit.firedTimer);
      for (const id of commit.timers.cancel) timers.delete(id);
      for (const t of commit.timers.schedule) {
        timers.set(t.id, t);
        heap.push(t);
      }
      for (const o of commit.outbox) {
        const key = o.caseId ?? '';
        const list = outbox.get(key);
        if (list) list.push(o);
        else outbox.set(key, [o]);
      }
      for (const f of commit.scoreFacts) facts.push(f);
      for (const claim of commit.caseNumbers ?? []) {
        numberSeries.set(claim.series, claim.seq);
        const number = commit.cases.find((c) => c.record.id === claim.caseId)?.record.number;
        if (number !== undefined) numbers.set(number, claim.caseId);
      }
      for (const u of commit.userFacts ?? [])
        userFacts.set(u.username, { ...(userFacts.get(u.username) ?? {}), [u.fact]: u.value });
    },
    async dueTimers(now, limit) {
      const due: TimerRecord[] = [];
      while (due.length < limit) {
        const next = heap.peek();
        if (!next || next.dueAt > now) break;
        heap.pop();
        // A heap entry is live only while the timer map still holds that very record: a cancelled
        // or re-armed timer leaves its old entry behind, skipped here.
        if (timers.get(next.id) === next) due.push(next);
      }
      // Handed out timers stay pending until their commit removes them; put them back so that a
      // second look before that sees them again, as a store would.
      for (const t of due) heap.push(t);
      return due;
    },
    async nextTimerDue() {
      return nextDue();
    },
    nextDue,
    async timersOf(caseId) {
      return [...timers.values()].filter((t) => t.caseId === caseId).sort((a, b) => a.dueAt - b.dueAt);
    },
    async outboxOf(caseId) {
      return outbox.get(caseId) ?? [];
    },
    async scoreFacts(query) {
      return facts.filter(
        (f) =>
          (query.unit === undefined || f.unit === query.unit) &&
          (query.from === undefined || f.at >= query.from) &&
          (query.to === undefined || f.at < query.to),
      );
    },
    async userFacts(username) {
      return userFacts.get(username) ?? {};
    },
    async countCases() {
      return cases.size;
    },
    async close() {},
    allCases: () => cases.values(),
    outboxByCase: () => outbox,
    allScoreFacts: () => facts,
    listCases: unsupported('listCases'),
    scanCases: unsupported('scanCases'),
    openCaseCounts: unsupported('openCaseCounts'),
    history: unsupported('history'),
    pendingOutbox: unsupported('pendingOutbox'),
    backlog: unsupported('backlog'),
    inboxOf: unsupported('inboxOf'),
    updateOutbox: unsupported('updateOutbox'),
    lastScheduleRun: async () => undefined,
    scheduleRuns: async () => [],
    allEventsForAudit: () => {
      throw new UnsupportedStoreOperationError('allEventsForAudit', 'replay');
    },
    dayAnchors: unsupported('dayAnchors'),
  };
}
