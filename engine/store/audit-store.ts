import type { CaseEvent, CaseRecord } from '../runtime/case-record.ts';
import { anchorDayOf, GENESIS_HASH, nextDayAnchor } from './event-hash.ts';
import type { Store } from './store.ts';
import { verifyCaseChain } from './verify-chain.ts';

/**
 * One thing `audit verify` found wrong. `caseId`/`seq` name the event (for a missing one, the seq
 * that should be there); `day` names a day anchor that no longer matches its events.
 */
export interface AuditProblem {
  readonly code:
    | 'SEQUENCE'
    | 'PREV_HASH'
    | 'HASH'
    | 'MISSING_EVENT'
    | 'STATE_MISMATCH'
    | 'UNKNOWN_CASE'
    | 'ANCHOR'
    | 'MISSING_ANCHOR';
  readonly caseId?: string;
  readonly seq?: number;
  readonly day?: string;
  readonly message: string;
}

export interface AuditReport {
  readonly events: number;
  readonly cases: number;
  readonly days: number;
  /** Event problems in (case, seq) order, then anchor problems by day; the first is the one to name. */
  readonly problems: readonly AuditProblem[];
}

/**
 * Recomputes the whole tamper-evident record (P-7, INFO-5) from what is stored:
 * - every case's hash chain (seq 1, 2, …; prevHash links; each hash recomputed);
 * - every case's current record against its history: as many events as its version (an event
 *   deleted from the end leaves a valid but short chain, which only this catches) and its active
 *   states equal to the last event's `to`;
 * - every day anchor, refolded from the events in append order (catches reordering and deletions
 *   the chains alone cannot see, such as a whole case's history removed with its record).
 * Reads the store only; safe on a database a server is using.
 */
export async function auditStore(store: Store): Promise<AuditReport> {
  const cases = await allCases(store);
  const problems: AuditProblem[] = [];
  let events = 0;
  const seen = new Set<string>();

  const checkCase = (caseId: string, history: CaseEvent[]) => {
    seen.add(caseId);
    // A gap is named by the seq that is missing, ahead of the breaks it causes in the events after it.
    let expected = 1;
    for (const event of history) {
      if (event.seq > expected)
        problems.push({
          code: 'MISSING_EVENT',
          caseId,
          seq: expected,
          message: `case ${caseId} has no event ${expected}${event.seq > expected + 1 ? `..${event.seq - 1}` : ''}: removed from the history`,
        });
      expected = Math.max(expected, event.seq + 1);
    }
    for (const b of verifyCaseChain(history))
      problems.push({ code: b.reason, caseId: b.caseId, seq: b.seq, message: b.message });
    const record = cases.get(caseId);
    if (!record) {
      problems.push({
        code: 'UNKNOWN_CASE',
        caseId,
        seq: history[0]?.seq ?? 1,
        message: `events of case ${caseId}, which has no current record`,
      });
      return;
    }
    problems.push(...recordProblems(record, history));
  };

  let current: CaseEvent[] = [];
  for await (const event of store.allEventsForAudit('case')) {
    events++;
    if (current.length > 0 && current[0]!.caseId !== event.caseId) {
      checkCase(current[0]!.caseId, current);
      current = [];
    }
    current.push(event);
  }
  if (current.length > 0) checkCase(current[0]!.caseId, current);
  for (const [id, record] of cases) {
    if (!seen.has(id)) problems.push(...recordProblems(record, []));
  }
  problems.sort(byCaseAndSeq);

  const anchorProblems = await checkAnchors(store);
  return { events, cases: cases.size, days: anchorProblems.days, problems: [...problems, ...anchorProblems.problems] };
}

function recordProblems(record: CaseState, history: readonly CaseEvent[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const count = history.length === 0 ? 0 : Math.max(history.length, history.at(-1)!.seq);
  if (record.version > count) {
    problems.push({
      code: 'MISSING_EVENT',
      caseId: record.id,
      seq: count + 1,
      message: `case ${record.id} is at version ${record.version} but its history ends at seq ${count}: event(s) ${count + 1}..${record.version} are missing`,
    });
  } else if (record.version < count) {
    problems.push({
      code: 'STATE_MISMATCH',
      caseId: record.id,
      seq: record.version + 1,
      message: `case ${record.id} is at version ${record.version} but its history has ${count} events`,
    });
  } else if (history.length > 0 && JSON.stringify(history.at(-1)!.to) !== JSON.stringify(record.activeStates)) {
    problems.push({
      code: 'STATE_MISMATCH',
      caseId: record.id,
      seq: count,
      message: `case ${record.id} is in ${JSON.stringify(record.activeStates)} but its last event leads to ${JSON.stringify(history.at(-1)!.to)}`,
    });
  }
  return problems;
}

async function checkAnchors(store: Store): Promise<{ days: number; problems: AuditProblem[] }> {
  const folded = new Map<string, { hash: string; events: number }>();
  for await (const event of store.allEventsForAudit('appended')) {
    const day = anchorDayOf(event.at);
    const previous = folded.get(day) ?? { hash: GENESIS_HASH, events: 0 };
    folded.set(day, { hash: nextDayAnchor(previous.hash, event.hash), events: previous.events + 1 });
  }
  const stored = await store.dayAnchors();
  const problems: AuditProblem[] = [];
  const storedDays = new Set(stored.map((a) => a.day));
  for (const anchor of stored) {
    const recomputed = folded.get(anchor.day);
    if (!recomputed) {
      problems.push({
        code: 'ANCHOR',
        day: anchor.day,
        message: `day ${anchor.day} is anchored over ${anchor.events} events but none are stored`,
      });
    } else if (recomputed.hash !== anchor.hash || recomputed.events !== anchor.events) {
      problems.push({
        code: 'ANCHOR',
        day: anchor.day,
        message: `day ${anchor.day}: anchor over ${anchor.events} events is ${anchor.hash}, the ${recomputed.events} stored events fold to ${recomputed.hash} (events were changed, removed, added or reordered)`,
      });
    }
  }
  for (const day of folded.keys()) {
    if (!storedDays.has(day))
      problems.push({ code: 'MISSING_ANCHOR', day, message: `day ${day} has events but no anchor` });
  }
  problems.sort((a, b) => (a.day! < b.day! ? -1 : a.day! > b.day! ? 1 : 0));
  return { days: new Set([...storedDays, ...folded.keys()]).size, problems };
}

/** What the audit compares with each history; only this is kept, so a large database fits in memory. */
type CaseState = Pick<CaseRecord, 'id' | 'version' | 'activeStates'>;

async function allCases(store: Store): Promise<Map<string, CaseState>> {
  const cases = new Map<string, CaseState>();
  for (let cursor: string | undefined; ;) {
    const page = await store.listCases({ limit: 500, ...(cursor !== undefined ? { cursor } : {}) });
    for (const { id, version, activeStates } of page.items) cases.set(id, { id, version, activeStates });
    if (page.next === null) return cases;
    cursor = page.next;
  }
}

function byCaseAndSeq(a: AuditProblem, b: AuditProblem): number {
  const ca = a.caseId ?? '';
  const cb = b.caseId ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return (a.seq ?? 0) - (b.seq ?? 0);
}
