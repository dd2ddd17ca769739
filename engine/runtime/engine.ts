import type { Commit, Store } from '../store/store.ts';
import { StaleVersionError } from '../store/store.ts';
import { TimerAlreadyFiredError } from '../store/store-errors.ts';
import { SYSTEM_ACTOR, type Actor, type Directory } from './actor.ts';
import type { IdSource, SignalRequest } from './action-context.ts';
import type { CaseRecord } from './case-record.ts';
import { NO_RECORDS, type RecordsView } from './records-view.ts';
import type { CompiledSet } from './compiled-set.ts';
import type { Clock } from './clock.ts';
import { decideCreate, decideEvent } from './decide.ts';
import type { CaseChange, Decision } from './decision.ts';
import { EngineError, EngineErrorCode as Code } from './engine-error.ts';
import type { CaseNumberClaim, ScheduleRunRecord, TimerRecord } from '../store/store.ts';
import type { RecordWrite } from './link-records.ts';
import { caseNumberAllocator, type NumberSession } from './case-number-allocator.ts';
import { CaseNumberTakenError } from '../store/store-errors.ts';

export interface EngineDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Users for assignment and notification; a function so the server can swap it as users change. */
  readonly directory: () => Directory;
  /** Archive records for lookups such as the duty roster; a function for the same reason. */
  readonly records?: () => RecordsView;
  /** The definition set new cases start on. */
  readonly current: () => CompiledSet;
  /** A case's own version (P-3): cases run to their end on the set they started with. */
  readonly version: (version: string) => CompiledSet | undefined;
  /**
   * Writes the archive records decisions created (Decision.recordWrites). Awaited after the case's
   * commit and before `onCommit`, so the next decision finds them and a reader of the case finds
   * its records. Not in the case's transaction: the records live in the server's tables (with
   * their history and key index), which the Store does not know. It is sound without one
   * transaction because the ids are deterministic (case id + link name) and a record is only ever
   * created, never changed here: writing again is harmless, and whatever a crash between the two
   * writes left out is written again from the cases when the server starts.
   */
  readonly writeRecords?: (writes: readonly RecordWrite[]) => Promise<void>;
  /** Told after every commit, e.g. to push server-sent events. */
  readonly onCommit?: (changed: readonly CaseRecord[], commit: Commit) => void;
  /** False: decisions leave out what only people read (DecideDeps.explain). Default true. */
  readonly explain?: boolean;
}

export interface Engine {
  /**
   * With `scheduleRun`, the run is recorded (with the new case's id) in the case's own commit, so
   * the case and the record of the run are written together or not at all (ScheduleRunDoneError
   * when the run is already recorded).
   */
  createCase(
    actor: Actor,
    workflow: string,
    data: unknown,
    options?: { scheduleRun?: Omit<ScheduleRunRecord, 'caseId'> },
  ): Promise<CaseRecord>;
  sendEvent(
    caseId: string,
    input: { type: string; data?: unknown; actor: Actor; expectedVersion?: number },
  ): Promise<CaseRecord>;
  /** Fires every timer due at `now`, earliest first, each exactly once. Returns how many fired. */
  fireDueTimers(now?: number): Promise<number>;
  /**
   * A change decided outside `decide` (an administrator's migration, engine/migration): committed
   * as one transaction and told like every decision's commit (onCommit), so that caches, live
   * views and projections follow. Rejects with EngineError staleVersion on a version conflict.
   */
  commitChange(commit: Commit): Promise<void>;
  readonly store: Store;
}

// A signal may answer a signal; a loop in the definitions must not hang the server.
const MAX_SIGNAL_HOPS = 16;
// A creation whose case number another process committed first is decided again; this many times.
const MAX_NUMBER_ATTEMPTS = 20;

/**
 * The one road every change takes: load → decide (pure) → commit (one transaction). Used by the
 * server, the scheduler and the simulator alike.
 */
export function createEngine(deps: EngineDeps): Engine {
  const setOf = (c: CaseRecord): CompiledSet => {
    const set = deps.version(c.definitionVersion);
    if (!set)
      throw new EngineError(
        Code.unknownVersion,
        `definition version ${c.definitionVersion} of case ${c.id} is not loaded`,
      );
    return set;
  };
  const numbers = caseNumberAllocator(deps.store);
  const decideDeps = (set: CompiledSet, now: number, session: NumberSession) => ({
    set,
    directory: deps.directory(),
    records: deps.records?.() ?? NO_RECORDS,
    now,
    ids: deps.ids,
    numbers: session,
    explain: deps.explain ?? true,
  });

  /** Until the case-number series a decision at `now` on `set` may claim in are all known (see the allocator). */
  async function prepareNumbers(set: CompiledSet, now: number): Promise<void> {
    for (let loading = numbers.prepare(set, now); loading; loading = numbers.prepare(set, now)) await loading;
  }

  /**
   * Runs `attempt` (prepare → decide → commit) with a fresh claim log, again when the case number
   * it claimed was committed first by another process; claims of a failed attempt are given back.
   */
  async function withNumbers<T>(attempt: (session: NumberSession) => Promise<T>): Promise<T> {
    for (let i = 1; ; i++) {
      const session = numbers.session();
      try {
        return await attempt(session);
      } catch (e) {
        session.rollback();
        if (!(e instanceof CaseNumberTakenError)) throw e;
        if (i >= MAX_NUMBER_ATTEMPTS) throw new EngineError(Code.staleVersion, e.message);
      }
    }
  }

  async function commitDecision(
    decision: Decision,
    now: number,
    session: NumberSession,
    firedTimer?: string,
    scheduleRuns?: readonly ScheduleRunRecord[],
  ): Promise<CaseRecord[]> {
    const prepared = await prepareCommit(decision, now, session, firedTimer, scheduleRuns);
    await storeCommit(prepared.commit);
    await afterCommit(prepared);
    return prepared.written;
  }

  async function storeCommit(commit: Commit): Promise<void> {
    try {
      await deps.store.commit(commit);
    } catch (e) {
      if (commit.caseNumbers) numbers.forget(commit.caseNumbers);
      if (e instanceof StaleVersionError) throw new EngineError(Code.staleVersion, e.message);
      throw e;
    }
  }

  async function afterCommit({ written, commit, recordWrites }: PreparedCommit): Promise<void> {
    if (written.length === 0) return; // a consumed timer changed no case: nothing to tell
    if (recordWrites.length && deps.writeRecords) await deps.writeRecords(recordWrites);
    deps.onCommit?.(written, commit);
  }

  /** A decision with its signals to linked cases settled, as one commit; reads, writes nothing. */
  async function prepareCommit(
    decision: Decision,
    now: number,
    session: NumberSession,
    firedTimer?: string,
    scheduleRuns?: readonly ScheduleRunRecord[],
  ): Promise<PreparedCommit> {
    // Most decisions signal no linked case: their lists are the commit's as they are.
    if (decision.signals.length === 0)
      return commitOf(decision.changes, decision, session.claims, firedTimer, scheduleRuns);
    const changes = [...decision.changes];
    const all = {
      schedule: [...decision.timers.schedule],
      cancel: [...decision.timers.cancel],
      outbox: [...decision.outbox],
      scoreFacts: [...decision.scoreFacts],
      userFacts: [...decision.userFacts],
      recordWrites: [...decision.recordWrites],
    };
    const working = new Map(changes.map((c) => [c.record.id, c]));
    let signals: SignalRequest[] = [...decision.signals];
    for (let hop = 0; signals.length > 0; hop++) {
      if (hop >= MAX_SIGNAL_HOPS)
        throw new Error('signals between linked cases do not settle; check the workflows for a loop');
      const next: SignalRequest[] = [];
      for (const signal of signals) {
        const target = working.get(signal.caseId)?.record ?? (await deps.store.getCase(signal.caseId));
        if (!target || target.done) continue;
        await prepareNumbers(setOf(target), now);
        const result = decideEvent(decideDeps(setOf(target), now, session), target, {
          type: signal.type,
          data: signal.data,
          actor: SYSTEM_ACTOR,
        });
        if (!result.ok) continue; // the linked case is not waiting for it: nothing to do there
        const d = result.decision;
        for (const c of d.changes) {
          const earlier = working.get(c.record.id);
          const merged: CaseChange = earlier ? { ...c, expectedVersion: earlier.expectedVersion } : c;
          working.set(c.record.id, merged);
          changes.push(merged);
        }
        all.schedule.push(...d.timers.schedule);
        all.cancel.push(...d.timers.cancel);
        all.outbox.push(...d.outbox);
        all.scoreFacts.push(...d.scoreFacts);
        all.userFacts.push(...d.userFacts);
        all.recordWrites.push(...d.recordWrites);
        next.push(...d.signals);
      }
      signals = next;
    }
    // The last record of each case is written, checked against the version first read.
    return commitOf(
      changes,
      { timers: { schedule: all.schedule, cancel: all.cancel }, ...all },
      session.claims,
      firedTimer,
      scheduleRuns,
      [...working.values()],
    );
  }

  return {
    store: deps.store,
    async createCase(actor, workflow, data, options = {}) {
      return withNumbers(async (session) => {
        const now = deps.clock.now();
        const set = deps.current();
        await prepareNumbers(set, now);
        const result = decideCreate(decideDeps(set, now, session), { workflow, data, actor });
        if (!result.ok) throw result.error;
        const id = result.decision.changes[0]!.record.id;
        const run = options.scheduleRun;
        const written = await commitDecision(
          result.decision,
          now,
          session,
          undefined,
          run ? [{ ...run, caseId: id }] : undefined,
        );
        return written.find((c) => c.id === id)!;
      });
    },
    async sendEvent(caseId, input) {
      return withNumbers(async (session) => {
        const current = await deps.store.getCase(caseId);
        if (!current) throw new EngineError(Code.unknownCase, `no case ${caseId}`);
        const now = deps.clock.now();
        const set = setOf(current);
        await prepareNumbers(set, now);
        const result = decideEvent(decideDeps(set, now, session), current, input);
        if (!result.ok) throw result.error;
        const written = await commitDecision(result.decision, now, session);
        return written.find((c) => c.id === caseId)!;
      });
    },
    async commitChange(commit) {
      await storeCommit(commit);
      await afterCommit({ commit, written: commit.cases.map((c) => c.record), recordWrites: [] });
    },
    async fireDueTimers(now = deps.clock.now()) {
      let fired = 0;
      for (;;) {
        const due = await deps.store.dueTimers(now, 100);
        if (due.length === 0) return fired;
        fired += await fireBatch(due, now);
      }
    },
  };

  /**
   * Fires due timers in order, deciding one after another exactly as a loop of fireTimer would,
   * but without waiting for each commit before deciding the next: the store writes the commits
   * of one turn in one transaction (one WAL append for a hundred breaches, each still checked in
   * its own savepoint). A timer whose case a pending commit writes waits for it, and so does
   * every timer after a decision that writes archive records, which the next decision may read.
   * A commit that lost a race with a linked case's change (stale version) is decided again alone.
   * A timer another process fired first (several server nodes on one database) is left to it:
   * the store refused the second commit (TimerAlreadyFiredError), so it is not counted. Returns
   * how many timers this call fired.
   */
  async function fireBatch(due: readonly TimerRecord[], now: number): Promise<number> {
    let fired = 0;
    let pending: { prepared: PreparedCommit; done: Promise<boolean> }[] = [];
    const busy = new Set<string>();
    const retry: TimerRecord[] = [];
    let failure: { error: unknown } | undefined;
    const settle = async () => {
      const batch = pending;
      pending = [];
      busy.clear();
      const committed = await Promise.all(batch.map((p) => p.done));
      // In commit order, as a loop would have told them.
      for (const [i, { prepared }] of batch.entries()) if (committed[i]) await afterCommit(prepared);
    };
    for (const timer of due) {
      if (busy.has(timer.caseId)) await settle();
      const prepared = await prepareTimer(timer, now);
      const done = deps.store.commit(prepared.commit).then(
        () => (fired++, true),
        (error: unknown) => {
          if (prepared.commit.caseNumbers) numbers.forget(prepared.commit.caseNumbers);
          if (error instanceof StaleVersionError || error instanceof CaseNumberTakenError) retry.push(timer);
          else if (!(error instanceof TimerAlreadyFiredError)) failure ??= { error };
          return false;
        },
      );
      pending.push({ prepared, done });
      for (const { record } of prepared.commit.cases) busy.add(record.id);
      busy.add(timer.caseId);
      if (prepared.recordWrites.length > 0) await settle();
    }
    await settle();
    if (failure) throw failure.error;
    for (const timer of retry) if (await fireTimer(timer, now)) fired++;
    return fired;
  }

  /** False when another process fired the timer first. */
  async function fireTimer(timer: TimerRecord, now: number): Promise<boolean> {
    return withNumbers(async (session) => {
      const prepared = await prepareTimer(timer, now, session);
      try {
        await storeCommit(prepared.commit);
      } catch (error) {
        if (error instanceof TimerAlreadyFiredError) return false;
        throw error;
      }
      await afterCommit(prepared);
      return true;
    });
  }

  async function prepareTimer(
    timer: TimerRecord,
    now: number,
    session: NumberSession = numbers.session(),
  ): Promise<PreparedCommit> {
    const current = await deps.store.getCase(timer.caseId);
    // The event happens when it is processed (never before the due time), so a case's history stays
    // in time order even when a server was down past a deadline; the simulator fires each timer
    // exactly at its due time, and the clock states keep the deadline itself.
    const at = Math.max(timer.dueAt, now);
    if (current && !current.done) await prepareNumbers(setOf(current), at);
    const result =
      current && !current.done
        ? decideEvent(decideDeps(setOf(current), at, session), current, {
            type: timer.event.type,
            data: timer.event.data,
            actor: SYSTEM_ACTOR,
          })
        : null;
    if (result?.ok) return prepareCommit(result.decision, at, session, timer.id);
    session.rollback();
    // Nothing to do any more (state left, case closed): consume the timer so it never fires again.
    return {
      commit: {
        cases: [],
        events: [],
        timers: { schedule: [], cancel: [] },
        outbox: [],
        scoreFacts: [],
        firedTimer: timer.id,
      },
      written: [],
      recordWrites: [],
    };
  }
}

type CommitLists = Pick<Decision, 'timers' | 'outbox' | 'scoreFacts' | 'userFacts' | 'recordWrites'>;

/** `written`: the last change of each case, when signals changed a case more than once. */
function commitOf(
  changes: readonly CaseChange[],
  lists: CommitLists,
  claims: readonly CaseNumberClaim[],
  firedTimer: string | undefined,
  scheduleRuns: readonly ScheduleRunRecord[] | undefined,
  written: readonly CaseChange[] = changes,
): PreparedCommit {
  const cases = written.map((c) => ({ record: c.record, expectedVersion: c.expectedVersion }));
  // Optional members set only when present, without spreading a throwaway object for each.
  const commit: { -readonly [K in keyof Commit]: Commit[K] } = {
    cases,
    events: changes.map((c) => c.event),
    timers: lists.timers,
    outbox: lists.outbox,
    scoreFacts: lists.scoreFacts,
  };
  if (lists.userFacts.length) commit.userFacts = lists.userFacts;
  if (firedTimer) commit.firedTimer = firedTimer;
  if (scheduleRuns) commit.scheduleRuns = scheduleRuns;
  // A copy: the claim log is the allocator's, and the commit may be retried or kept by a store.
  if (claims.length) commit.caseNumbers = [...claims];
  return { commit, written: cases.map((c) => c.record), recordWrites: lists.recordWrites };
}

interface PreparedCommit {
  readonly commit: Commit;
  readonly written: CaseRecord[];
  readonly recordWrites: readonly RecordWrite[];
}
