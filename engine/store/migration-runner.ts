import type Database from 'better-sqlite3';
import { MigrationOrderError, SchemaTooNewError } from './store-errors.ts';

/**
 * One numbered step of a schema. A step, once released, never changes: a new need is a new step
 * at the end. `run` is for what SQL alone cannot say; it gets the connection inside the transaction.
 */
export type MigrationStep =
  | { readonly version: number; readonly name: string; readonly sql: string }
  | { readonly version: number; readonly name: string; readonly run: (db: Database.Database) => void };

/**
 * Where a schema keeps its version on disk. The engine and the server share one SQLite file and
 * each keeps its own count (migrations.ts, server-migrations.ts), so the runner only asks.
 */
export interface VersionKeeper {
  /** Where the version lives, as errors name it (e.g. "PRAGMA user_version"). */
  readonly where: string;
  /** The version the database is at (0: new). Called inside the migration's transaction. */
  read(db: Database.Database): number;
  /** Marks `step` applied, after its SQL and in the same transaction. */
  record(db: Database.Database, step: MigrationStep): void;
}

/**
 * Brings the database up to the last step and returns the versions applied (none when current).
 * All pending steps run in one IMMEDIATE transaction: a failing step, or a crash midway, leaves
 * the database at the version it had, and two processes opening a new file at once cannot both
 * create the tables. Throws MigrationOrderError for a list not numbered 1, 2, 3… (before touching
 * the database) and SchemaTooNewError for a database ahead of the list.
 */
export function runMigrations(db: Database.Database, steps: readonly MigrationStep[], keeper: VersionKeeper): number[] {
  steps.forEach((step, i) => {
    if (step.version !== i + 1) throw new MigrationOrderError(keeper.where, i, step.version, step.name);
  });
  const known = steps.length;
  return db
    .transaction(() => {
      const current = keeper.read(db);
      if (current > known) throw new SchemaTooNewError(current, known, keeper.where);
      const pending = steps.filter((step) => step.version > current);
      for (const step of pending) {
        if ('sql' in step) db.exec(step.sql);
        else step.run(db);
        keeper.record(db, step);
      }
      return pending.map((step) => step.version);
    })
    .immediate();
}
