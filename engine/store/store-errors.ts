/**
 * Typed errors of the store besides StaleVersionError (store.ts). Each carries a stable `code`
 * that the server maps to HTTP in one place; none of them leaves anything written.
 */

/** The timer a commit says it fired is gone: another commit already applied it. */
export class TimerAlreadyFiredError extends Error {
  readonly code = 'TIMER_ALREADY_FIRED';
  constructor(readonly timerId: string) {
    super(`timer ${timerId} has already fired (or was cancelled); its commit is rejected so it applies once`);
    this.name = 'TimerAlreadyFiredError';
  }
}

/** A schedule run the commit records is already recorded: another scheduler (or a retry) did it. */
export class ScheduleRunDoneError extends Error {
  readonly code = 'SCHEDULE_RUN_DONE';
  constructor(
    readonly schedule: string,
    readonly period: string,
    readonly unit: string,
  ) {
    super(
      `schedule ${schedule} has already run for period "${period}" and unit "${unit}"; its commit is rejected so it applies once`,
    );
    this.name = 'ScheduleRunDoneError';
  }
}

/**
 * A case number the commit claims is not the next of its series: another creator committed that
 * sequence first. Like a stale version, a conflict to retry: read the series' last sequence again.
 */
export class CaseNumberTakenError extends Error {
  readonly code = 'CASE_NUMBER_TAKEN';
  constructor(
    readonly series: string,
    readonly seq: number,
    readonly last: number,
  ) {
    super(
      `case number ${seq} of series ${series} is not the next one: the series is at ${last}; read it again and retry`,
    );
    this.name = 'CaseNumberTakenError';
  }
}

export const CommitProblemCode = {
  duplicateCase: 'DUPLICATE_CASE',
  versionMismatch: 'VERSION_MISMATCH',
  eventSequence: 'EVENT_SEQUENCE',
  eventWithoutCase: 'EVENT_WITHOUT_CASE',
  unknownCase: 'UNKNOWN_CASE',
  duplicateId: 'DUPLICATE_ID',
  caseNumber: 'CASE_NUMBER',
} as const;
export type CommitProblemCode = (typeof CommitProblemCode)[keyof typeof CommitProblemCode];

/** One thing wrong with a commit; `path` points into the Commit object, e.g. "/events/1/seq". */
export interface CommitProblem {
  readonly code: CommitProblemCode;
  readonly path: string;
  readonly message: string;
}

/** A commit that breaks the store's invariants (a programming error in the caller). Lists every problem. */
export class InvalidCommitError extends Error {
  readonly code = 'INVALID_COMMIT';
  constructor(readonly problems: readonly CommitProblem[]) {
    super(`invalid commit: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidCommitError';
  }
}

/** A `cursor` that no listCases call produced (edited, truncated, or from another query shape). */
export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor(readonly cursor: string) {
    super(`cursor ${JSON.stringify(cursor)} is not one returned by listCases; start again without a cursor`);
    this.name = 'InvalidCursorError';
  }
}

export class OutboxNotFoundError extends Error {
  readonly code = 'OUTBOX_NOT_FOUND';
  constructor(readonly outboxId: string) {
    super(`outbox entry ${outboxId} does not exist`);
    this.name = 'OutboxNotFoundError';
  }
}

/** An operation this kind of store cannot do, e.g. reading outboxes from the impact replay's store. */
export class UnsupportedStoreOperationError extends Error {
  readonly code = 'UNSUPPORTED_STORE_OPERATION';
  constructor(
    readonly operation: string,
    readonly store: string,
  ) {
    super(`${operation} is not supported by the ${store} store`);
    this.name = 'UnsupportedStoreOperationError';
  }
}

export class StoreClosedError extends Error {
  readonly code = 'STORE_CLOSED';
  constructor() {
    super('the store is closed');
    this.name = 'StoreClosedError';
  }
}

/**
 * The SQLite store's writer thread stopped (it crashed, or was terminated) before it acknowledged
 * the commit: the commit may or may not be written, as after a crash. Every later write fails the
 * same way; reads go on. Reopen the store (restart the server) to write again.
 */
export class StoreWriterStoppedError extends Error {
  readonly code = 'STORE_WRITER_STOPPED';
  constructor(readonly reason: string) {
    super(
      `the store's writer thread stopped (${reason}); the commit may or may not be written; reopen the store to write again`,
    );
    this.name = 'StoreWriterStoppedError';
  }
}

/** The database file was written by a newer Serviceframe (its schema is ahead of this code's migrations). */
export class SchemaTooNewError extends Error {
  readonly code = 'SCHEMA_TOO_NEW';
  constructor(
    readonly found: number,
    readonly known: number,
    /**
     * Where the version was read, e.g. "PRAGMA user_version" (the engine's) or "table sf_migrations" (the server's).
     */
    readonly where: string,
  ) {
    super(
      `database schema is at version ${found} (${where}) but this version of Serviceframe knows only up to ${known}; upgrade Serviceframe`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** A list of migration steps not numbered 1, 2, 3… in order: a programming error, caught before anything runs. */
export class MigrationOrderError extends Error {
  readonly code = 'MIGRATION_ORDER';
  constructor(
    readonly where: string,
    readonly index: number,
    readonly version: number,
    readonly stepName: string,
  ) {
    super(
      `migration step ${index} ("${stepName}") of the schema kept in ${where} is version ${version}, expected ${index + 1}; ` +
        'number the steps 1, 2, 3… in order, adding a new step at the end',
    );
    this.name = 'MigrationOrderError';
  }
}

/**
 * The database cannot be reached (refused, lost, restarting, timed out): nothing of the operation
 * is known to be written, and the same call can be tried again once the database is back. The
 * server answers 503. `target` names the database as `host:port/database`, never a password.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(
    readonly target: string,
    readonly reason: string,
  ) {
    super(`cannot reach the database at ${target}: ${reason}`);
    this.name = 'StoreUnavailableError';
  }
}
