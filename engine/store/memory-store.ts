import type { CaseEvent, CaseRecord } from '../runtime/case-record.ts';
import { compareBinary } from './binary-order.ts';
import { matchesStatePath, nextDeadlineOf, searchTextOf } from './case-index-fields.ts';
import { anchorDayOf } from './event-hash.ts';
import { jsonCopy } from './json-copy.ts';
import { decodeCursor, encodeCursor, listLimit } from './list-cursor.ts';
import { type CommitReader, planCommit } from './plan-commit.ts';
import type {
  AuditOrder,
  CaseQuery,
  OpenCaseCount,
  DayAnchor,
  OutboxRecord,
  ScheduleRunRecord,
  ScoreFactRecord,
  Store,
  TimerRecord,
} from './store.ts';
import { OutboxNotFoundError, StoreClosedError } from './store-errors.ts';

/**
 * A store in plain maps, for simulation and tests. It answers exactly as the SQLite store does:
 * the same checks (planCommit), the same orderings (compareBinary, every store's text order), and
 * JSON copies in and out, so nothing a caller holds aliases stored state.
 */
export function createMemoryStore(): Store {
  const cases = new Map<string, CaseRecord>();
  const events = new Map<string, CaseEvent[]>();
  const appended: CaseEvent[] = [];
  const timers = new Map<string, TimerRecord>();
  const outbox = new Map<string, OutboxRecord>();
  const facts = new Map<string, ScoreFactRecord>();
  // Every day's current anchor. A map has no log page to save, so the plan's seals are not needed here.
  const anchors = new Map<string, DayAnchor>();
  const userFacts = new Map<string, Map<string, unknown>>();
  const scheduleRuns = new Map<string, ScheduleRunRecord>();
  const numbers = new Map<string, string>();
  const series = new Map<string, number>();
  const runKey = (schedule: string, period: string, unit: string) => JSON.stringify([schedule, period, unit]);
  let closed = false;
  // One reader for every commit: it only looks into the maps above.
  const reader: CommitReader = {
    caseVersion: (id) => cases.get(id)?.version,
    lastEventHash: (id) => events.get(id)?.at(-1)?.hash,
    timerExists: (id) => timers.has(id),
    outboxExists: (id) => outbox.has(id),
    scoreFactExists: (id) => facts.has(id),
    dayAnchor: (day) => anchors.get(day),
    tailDay: () => {
      const newest = appended.at(-1);
      return newest && anchorDayOf(newest.at);
    },
    scheduleRunExists: (schedule, period, unit) => scheduleRuns.has(runKey(schedule, period, unit)),
    lastCaseNumber: (name) => series.get(name) ?? 0,
    caseNumberExists: (number) => numbers.has(number),
  };

  const open = () => {
    if (closed) throw new StoreClosedError();
  };
  const byKey =
    <T>(...keys: ((item: T) => number | string)[]) =>
    (a: T, b: T) => {
      for (const key of keys) {
        const x = key(a);
        const y = key(b);
        const order = typeof x === 'string' && typeof y === 'string' ? compareBinary(x, y) : x < y ? -1 : x > y ? 1 : 0;
        if (order !== 0) return order;
      }
      return 0;
    };

  return {
    async getCase(id) {
      open();
      const record = cases.get(id);
      return record && jsonCopy(record);
    },

    async caseIdByNumber(number) {
      open();
      return numbers.get(number);
    },

    async lastCaseNumber(name) {
      open();
      return series.get(name) ?? 0;
    },

    async listCases(query: CaseQuery) {
      open();
      const limit = listLimit(query.limit);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const units = query.units && new Set(query.units);
      const text = query.text ? query.text.toLowerCase() : undefined;
      const matching = [...cases.values()].filter((c) => {
        if (query.workflow !== undefined && c.workflow !== query.workflow) return false;
        if (query.state !== undefined && !matchesStatePath(c.activeStates, query.state)) return false;
        if (units && !units.has(c.unit)) return false;
        if (query.customerUser !== undefined && c.customerUser !== query.customerUser) return false;
        const who = query.involving;
        if (who !== undefined && c.owner !== who && c.assignee !== who && !c.watchers.includes(who)) return false;
        if (query.overdueAt !== undefined) {
          const deadline = nextDeadlineOf(c);
          if (deadline === null || !(deadline < query.overdueAt)) return false;
        }
        if (text !== undefined && !searchTextOf(c).includes(text)) return false;
        if (
          after &&
          !(c.updatedAt < after.updatedAt || (c.updatedAt === after.updatedAt && compareBinary(c.id, after.id) < 0))
        )
          return false;
        return true;
      });
      matching.sort((a, b) => (a.updatedAt !== b.updatedAt ? b.updatedAt - a.updatedAt : compareBinary(b.id, a.id)));
      const page = matching.slice(0, limit);
      const last = page[page.length - 1];
      const next = matching.length > limit && last ? encodeCursor(last) : null;
      return { items: page.map(jsonCopy), next };
    },

    async history(caseId) {
      open();
      return jsonCopy(events.get(caseId) ?? []);
    },

    async commit(commit) {
      open();
      const planned = planCommit(commit, reader);
      // Kept as SQLite would give it back, and unreachable through anything the caller holds.
      const plan = jsonCopy(planned);
      // Nothing below can throw: the plan has been validated and copied.
      for (const record of plan.cases) cases.set(record.id, record);
      for (const event of plan.events) {
        const list = events.get(event.caseId) ?? [];
        list.push(event);
        events.set(event.caseId, list);
        appended.push(event);
      }
      // In order, so each day keeps the anchor after its last event in the commit.
      for (const anchor of plan.eventAnchors) anchors.set(anchor.day, anchor);
      if (plan.firedTimer !== undefined) timers.delete(plan.firedTimer);
      for (const id of plan.cancel) timers.delete(id);
      for (const timer of plan.schedule) timers.set(timer.id, timer);
      for (const entry of plan.outbox) outbox.set(entry.id, entry);
      for (const fact of plan.scoreFacts) facts.set(fact.id, fact);
      for (const { username, fact, value } of plan.userFacts) {
        const own = userFacts.get(username) ?? new Map<string, unknown>();
        own.set(fact, value);
        userFacts.set(username, own);
      }
      for (const run of plan.scheduleRuns) scheduleRuns.set(runKey(run.schedule, run.period, run.unit), run);
      for (const { number, caseId } of plan.caseNumbers) numbers.set(number, caseId);
      for (const { series: name, last } of plan.numberSeries) series.set(name, last);
    },

    async dueTimers(now, limit) {
      open();
      const due = [...timers.values()]
        .filter((t) => t.dueAt <= now)
        .sort(
          byKey<TimerRecord>(
            (t) => t.dueAt,
            (t) => t.id,
          ),
        );
      return jsonCopy(due.slice(0, Math.max(0, limit)));
    },

    async nextTimerDue() {
      open();
      let earliest: number | null = null;
      for (const timer of timers.values()) if (earliest === null || timer.dueAt < earliest) earliest = timer.dueAt;
      return earliest;
    },

    async timersOf(caseId) {
      open();
      const own = [...timers.values()].filter((t) => t.caseId === caseId);
      return jsonCopy(
        own.sort(
          byKey<TimerRecord>(
            (t) => t.dueAt,
            (t) => t.id,
          ),
        ),
      );
    },

    async pendingOutbox(now, limit) {
      open();
      const ready = [...outbox.values()].filter(
        (o) => (o.status === 'queued' || o.status === 'failed') && o.notBefore <= now,
      );
      ready.sort(
        byKey<OutboxRecord>(
          (o) => o.notBefore,
          (o) => o.createdAt,
          (o) => o.id,
        ),
      );
      return jsonCopy(ready.slice(0, Math.max(0, limit)));
    },

    async backlog(now) {
      open();
      let timersDue = 0;
      let outboxReady = 0;
      for (const t of timers.values()) if (t.dueAt <= now) timersDue++;
      for (const o of outbox.values())
        if ((o.status === 'queued' || o.status === 'failed') && o.notBefore <= now) outboxReady++;
      return { timersDue, outboxReady };
    },

    async outboxOf(caseId) {
      open();
      const own = [...outbox.values()].filter((o) => o.caseId === caseId);
      return jsonCopy(
        own.sort(
          byKey<OutboxRecord>(
            (o) => o.createdAt,
            (o) => o.id,
          ),
        ),
      );
    },

    async inboxOf(recipient, limit) {
      open();
      const own = [...outbox.values()].filter((o) => o.recipient === recipient && o.channel === 'inapp');
      return jsonCopy(
        own
          .sort(
            byKey<OutboxRecord>(
              (o) => o.createdAt,
              (o) => o.id,
            ),
          )
          .reverse()
          .slice(0, Math.max(0, limit)),
      );
    },

    async updateOutbox(id, change) {
      open();
      const entry = outbox.get(id);
      if (!entry) throw new OutboxNotFoundError(id);
      const { status, attempts, lastError, sentAt, notBefore } = change;
      outbox.set(id, jsonCopy({ ...entry, status, attempts, lastError, sentAt, notBefore }));
    },

    async scoreFacts(query) {
      open();
      const found = [...facts.values()].filter(
        (f) =>
          (query.unit === undefined || f.unit === query.unit) &&
          (query.from === undefined || f.at >= query.from) &&
          (query.to === undefined || f.at < query.to),
      );
      return jsonCopy(
        found.sort(
          byKey<ScoreFactRecord>(
            (f) => f.at,
            (f) => f.id,
          ),
        ),
      );
    },

    async lastScheduleRun(schedule) {
      open();
      const own = [...scheduleRuns.values()].filter((r) => r.schedule === schedule);
      const last = own
        .sort(
          byKey<ScheduleRunRecord>(
            (r) => r.runAt,
            (r) => r.period,
            (r) => r.unit,
          ),
        )
        .at(-1);
      return last && jsonCopy(last);
    },

    async scheduleRuns(schedule, from) {
      open();
      const own = [...scheduleRuns.values()].filter((r) => r.schedule === schedule && r.runAt >= from);
      return jsonCopy(
        own.sort(
          byKey<ScheduleRunRecord>(
            (r) => r.runAt,
            (r) => r.period,
            (r) => r.unit,
          ),
        ),
      );
    },

    async userFacts(username) {
      open();
      const own = [...(userFacts.get(username) ?? new Map<string, unknown>())].sort(([a], [b]) => compareBinary(a, b));
      return jsonCopy(Object.fromEntries(own));
    },

    async *allEventsForAudit(order: AuditOrder = 'case') {
      open();
      const all =
        order === 'appended'
          ? [...appended]
          : [...events.keys()].sort(compareBinary).flatMap((id) => events.get(id) ?? []);
      for (const event of all) yield jsonCopy(event);
    },

    async dayAnchors() {
      open();
      return jsonCopy([...anchors.values()].sort(byKey<DayAnchor>((a) => a.day)));
    },

    async scanCases(afterId, limit) {
      open();
      const ids = [...cases.keys()]
        .filter((id) => afterId === undefined || compareBinary(id, afterId) > 0)
        .sort(compareBinary);
      return jsonCopy(ids.slice(0, Math.max(0, Math.floor(limit))).map((id) => cases.get(id)!));
    },

    async countCases() {
      open();
      return cases.size;
    },

    async openCaseCounts() {
      open();
      const counts = new Map<string, OpenCaseCount>();
      for (const c of cases.values()) {
        if (c.done) continue;
        const key = JSON.stringify([c.definitionVersion, c.workflow]);
        const was = counts.get(key);
        counts.set(key, { definitionVersion: c.definitionVersion, workflow: c.workflow, count: (was?.count ?? 0) + 1 });
      }
      return [...counts.values()];
    },

    async close() {
      closed = true;
    },
  };
}
