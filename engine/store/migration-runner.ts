import type Database from 'better-sqlite3';
import { MigrationOrderError, SchemaTooNewError } from './store-errors.ts';

/**
 * One numbered step of a schema. A step, once released, never changes: a new need is a new step
 * at the end. `run` is for what SQL alone cannot say; it gets the connection inside the transaction
 * (`C`: better-sqlite3's Database for SQLite, a pg client for PostgreSQL).
 */
export type MigrationStep<C = Database.Database> =
  | { readonly version: number; readonly name: string; readonly sql: string }
  | { readonly version: number; readonly name: string; readonly run: (db: C) => unknown };

/**
 * Where a schema keeps its version. The engine and the server share one database and each keeps
 * its own count (SQLite: migrations.ts, server-migrations.ts; PostgreSQL: adapters/postgres), so
 * the runner only asks. `R` is void for SQLite's synchronous calls, Promise<void> for PostgreSQL's.
 */
export interface VersionKeeper<C = Database.Database, N = number, R = void> {
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

/**
 * Brings a SQLite database up to the last step and returns the versions applied (none when
 * current). All pending steps run in one IMMEDIATE transaction: a failing step, or a crash midway,
 * leaves the database at the version it had, and two processes opening a new file at once cannot
 * both create the tables. Throws MigrationOrderError for a list not numbered 1, 2, 3… (before
 * touching the database) and SchemaTooNewError for a database ahead of the list. The PostgreSQL
 * runner (adapters/postgres/migrate.ts) does the same with an advisory lock.
 */
export function runMigrations(db: Database.Database, steps: readonly MigrationStep[], keeper: VersionKeeper): number[] {
  checkStepOrder(steps, keeper.where);
  return db
    .transaction(() => {
      const pending = pendingSteps(steps, keeper.read(db), keeper.where);
      for (const step of pending) {
        if ('sql' in step) db.exec(step.sql);
        else step.run(db); // SQLite steps are synchronous
        keeper.record(db, step);
      }
      return pending.map((step) => step.version);
    })
    .immediate();
}
