import { MigrationOrderError, SchemaTooNewError } from './store-errors.ts';

/**
 * One numbered step of a schema. A step, once released, never changes: a new need is a new step
 * at the end. `run` is for what SQL alone cannot say; it gets the connection inside the transaction
 * (`C`: better-sqlite3's Database for SQLite, a pg client for PostgreSQL; each adapter names its own).
 */
export type MigrationStep<C> =
  | { readonly version: number; readonly name: string; readonly sql: string }
  | { readonly version: number; readonly name: string; readonly run: (db: C) => unknown };

/**
 * Where a schema keeps its version. The engine and the server share one database and each keeps
 * its own count (for SQLite: adapters/sqlite/store/migrations.ts, adapters/sqlite/server/
 * server-migrations.ts; for PostgreSQL: adapters/postgres), so each adapter's runner
 * (adapters/sqlite/migrate.ts, adapters/postgres/migrate.ts) only asks. `R` is void for SQLite's
 * synchronous calls, Promise<void> for PostgreSQL's.
 */
export interface VersionKeeper<C, N = number, R = void> {
  /** Where the version lives, as errors name it (e.g. "PRAGMA user_version"). */
  readonly where: string;
  /** The version the database is at (0: new). Called inside the migration's transaction. */
  read(db: C): N;
  /** Marks `step` applied, after its SQL and in the same transaction. */
  record(db: C, step: MigrationStep<C>): R;
}

/**
 * The part of a migration run both databases share, touching nothing: refuses a list not numbered
 * 1, 2, 3… (MigrationOrderError; call it before the database is touched) …
 */
export function checkStepOrder(steps: readonly { version: number; name: string }[], where: string): void {
  steps.forEach((step, i) => {
    if (step.version !== i + 1) throw new MigrationOrderError(where, i, step.version, step.name);
  });
}

/**
 * … and, given the version the database is at, returns the steps still to apply, in order, or
 * throws SchemaTooNewError for a database ahead of the list (written by a newer release).
 */
export function pendingSteps<S extends { version: number }>(steps: readonly S[], current: number, where: string): S[] {
  if (current > steps.length) throw new SchemaTooNewError(current, steps.length, where);
  return steps.filter((step) => step.version > current);
}
