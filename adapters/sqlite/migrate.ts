/**
 * SQLite's migration runner: the numbered steps and version keepers of the core
 * (engine/store/migration-runner.ts: checkStepOrder, pendingSteps → MigrationOrderError,
 * SchemaTooNewError) run on a better-sqlite3 connection, synchronously.
 */
import type Database from 'better-sqlite3';
import {
  checkStepOrder,
  type MigrationStep,
  pendingSteps,
  type VersionKeeper,
} from '../../engine/store/migration-runner.ts';

export type SqliteStep = MigrationStep<Database.Database>;
export type SqliteVersionKeeper = VersionKeeper<Database.Database>;

/**
 * Brings a SQLite database up to the last step and returns the versions applied (none when
 * current). All pending steps run in one IMMEDIATE transaction: a failing step, or a crash midway,
 * leaves the database at the version it had, and two processes opening a new file at once cannot
 * both create the tables. Throws MigrationOrderError for a list not numbered 1, 2, 3… (before
 * touching the database) and SchemaTooNewError for a database ahead of the list. The PostgreSQL
 * runner (adapters/postgres/migrate.ts) does the same with an advisory lock.
 */
export function runMigrations(
  db: Database.Database,
  steps: readonly SqliteStep[],
  keeper: SqliteVersionKeeper,
): number[] {
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
