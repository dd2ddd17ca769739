import { reasonColumn } from '../../../engine/store/score-reason.ts';
import type Database from 'better-sqlite3';
import type { CaseEvent, CaseRecord } from '../../../engine/runtime/case-record.ts';
import { nextDeadlineOf, searchTextOf } from '../../../engine/store/case-index-fields.ts';
import { type CommitPlan, type CommitReader, planCommit } from '../../../engine/store/plan-commit.ts';
import { isPrivateDatabase } from './sqlite-connection.ts';
import type { ConnectionStatements } from './sqlite-statements.ts';
import type { Commit, DayAnchor, OutboxRecord } from '../../../engine/store/store.ts';
import { OutboxNotFoundError } from '../../../engine/store/store-errors.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

export type OutboxChange = Pick<OutboxRecord, 'status' | 'attempts' | 'lastError' | 'sentAt' | 'notBefore'>;

/**
 * The writing half of the SQLite store, on the connection that commits: the store's own
 * (writer 'inline') or the writer thread's (writer 'thread'). Synchronous; the callers queue.
 */
export interface SqliteWriter {
  /**
   * Writes `commits` in one transaction (group commit) and returns, at each commit's index, the
   * error that rejected it (undefined: written). Returns after COMMIT, so whatever it reports as
   * written is durable. When the transaction itself fails, every commit gets that error (or its own).
   */
  writeGroup(commits: readonly Commit[]): unknown[];
  updateOutbox(id: string, change: OutboxChange): void;
  /** Stops the checkpointer; the connection stays the caller's to close. */
  close(): Promise<void>;
}

/** `statements` are those prepared on `db` (prepareConnectionStatements), shared with the store's reads when inline. */
export function createSqliteWriter(
  db: Database.Database,
  file: string,
  statements: ConnectionStatements,
): SqliteWriter {
  // Checkpoints (copying the log back into the file, an fsync on each side, tens of milliseconds)
  // run on a worker thread rather than inside whichever commit crosses SQLite's threshold.
  const memory = isPrivateDatabase(file);
  const checkpointer = memory ? undefined : startWalCheckpointer(db, file);
  const { q, runs, anchors } = statements;

  // Positions of the commit's events and the links of each case's chain (migration 9), numbered
  // here so that each case row names its last event in the same write as the rest of the row: the
  // append order goes on from the newest event (max pos + 1, as SQLite's own rowids would).
  const lastPosOf = new Map<string, number>();
  const write = (plan: CommitPlan, heads: ReadonlyMap<string, CaseHead | undefined>) => {
    lastPosOf.clear();
    const base = anchors.newestPos();
    const links: (number | null)[] = [];
    plan.events.forEach((event, i) => {
      links.push(
        lastPosOf.has(event.caseId) ? lastPosOf.get(event.caseId)! : (heads.get(event.caseId)?.lastPos ?? null),
      );
      lastPosOf.set(event.caseId, base + i + 1);
    });
    // Every case of a plan has an event in it (planCommit refuses a case written without one).
    for (const record of plan.cases) writeCase(record, heads.get(record.id), lastPosOf.get(record.id)!);
    plan.events.forEach((event, i) =>
      q.insertEvent.run(base + i + 1, links[i], ...eventRow(event, plan.eventAnchors[i]!)),
    );
    for (const anchor of plan.seals) anchors.seal(anchor);
    if (plan.firedTimer !== undefined) q.deleteTimer.run(plan.firedTimer);
    for (const id of plan.cancel) q.deleteTimer.run(id);
    for (const timer of plan.schedule) q.putTimer.run(timer.id, timer.caseId, timer.dueAt, JSON.stringify(timer.event));
    for (const entry of plan.outbox) q.insertOutbox.run({ ...entry, urgent: entry.urgent ? 1 : 0 });
    for (const fact of plan.scoreFacts)
      q.insertScoreFact.run({ ...fact, data: JSON.stringify(fact.data), reason: reasonColumn(fact.reason) });
    for (const fact of plan.userFacts) q.putUserFact.run({ ...fact, value: JSON.stringify(fact.value) });
    for (const run of plan.scheduleRuns) runs.insert(run);
    for (const { number, caseId } of plan.caseNumbers) q.insertCaseNumber.run(number, caseId);
    for (const { series, last } of plan.numberSeries) q.putCaseNumberSeries.run(series, last);
    // Last, so that a commit that fails half way (its savepoint undone) leaves the tail as it was.
    if (plan.events.length > 0) anchors.appended(base + plan.events.length, plan.eventAnchors.at(-1)!);
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
      JSON.stringify(record.state),
      JSON.stringify(record.activeStates),
      record.done ? 1 : 0,
      record.owner ?? null,
      record.assignee ?? null,
      JSON.stringify(record.watchers ?? []),
      record.version,
      record.updatedAt,
      searchTextOf(record),
      JSON.stringify(record),
      lastPos,
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
    lastCaseNumber: (series) => (q.lastCaseNumber.get(series) as number | undefined) ?? 0,
    caseNumberExists: (number) => q.caseIdByNumber.get(number) !== undefined,
  };
  const commitOne = (commit: Commit) => {
    heads.clear();
    write(planCommit(commit, reader), heads);
  };
  // A group of one (every commit of a caller that waits for the last) needs no savepoint.
  const singleTx = db.transaction((commit: Commit) => {
    anchors.beginTransaction();
    commitOne(commit);
  });

  // Commits written together go in one transaction, each inside its own savepoint (a nested
  // transaction), so one COMMIT acknowledges them all and a conflict in one fails only that one.
  const commitTx = db.transaction(commitOne);
  const groupTx = db.transaction((commits: readonly Commit[], errors: unknown[]) => {
    anchors.beginTransaction();
    commits.forEach((commit, i) => {
      try {
        commitTx(commit);
      } catch (error) {
        errors[i] = error;
      }
    });
  });

  return {
    writeGroup(commits) {
      const errors: unknown[] = new Array(commits.length);
      try {
        if (commits.length === 1) singleTx.immediate(commits[0]!);
        else groupTx.immediate(commits, errors);
      } catch (error) {
        // The transaction failed as a whole (e.g. SQLITE_BUSY, a full disk): nothing is written.
        anchors.transactionRolledBack();
        for (let i = 0; i < commits.length; i++) errors[i] ??= error;
        return errors;
      }
      anchors.transactionCommitted();
      checkpointer?.afterCommit();
      return errors;
    },
    updateOutbox(id, change) {
      const { status, attempts, lastError, sentAt, notBefore } = change;
      const result = q.updateOutbox.run({ id, status, attempts, lastError, sentAt, notBefore });
      if (result.changes === 0) throw new OutboxNotFoundError(id);
    },
    async close() {
      await checkpointer?.close();
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
