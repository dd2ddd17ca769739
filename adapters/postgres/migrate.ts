/**
 * The migration runner on PostgreSQL: the same numbered steps and rules as SQLite's
 * (engine/store/migration-runner.ts: checkStepOrder, pendingSteps → MigrationOrderError,
 * SchemaTooNewError when the database is newer than the code), run in one transaction that first
 * takes `pg_advisory_xact_lock(MIGRATION_LOCK)`: several nodes starting together on one database
 * wait for each other, the first applies the steps and the others find nothing left to do.
 * PostgreSQL's DDL is transactional, so a failing step leaves the version where it was.
 *
 * Two step lists use it, each with its own version keeper, as on SQLite: the engine store's
 * (engine-migrations.ts, table `migrations`) and the server's (server-migrations.ts, table
 * `sf_migrations`).
 */
import type pg from 'pg';
import {
  checkStepOrder,
  type MigrationStep,
  pendingSteps,
  type VersionKeeper,
} from '../../engine/store/migration-runner.ts';
import type { PostgresConnection } from './connection.ts';

export type PostgresStep = MigrationStep<pg.PoolClient>;
export type PostgresVersionKeeper = VersionKeeper<pg.PoolClient, Promise<number>, Promise<void>>;

/** The advisory lock key every Serviceframe migration run takes ("SFMIGRAT" in ASCII, as a bigint). */
export const MIGRATION_LOCK = '6000568530642288980';

/** Applies the pending steps once across every process migrating this database; returns the versions applied. */
export async function runPostgresMigrations(
  conn: PostgresConnection,
  steps: readonly PostgresStep[],
  keeper: PostgresVersionKeeper,
): Promise<number[]> {
  checkStepOrder(steps, keeper.where);
  return conn.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const pending = pendingSteps(steps, await keeper.read(client), keeper.where);
    for (const step of pending) {
      if ('sql' in step) await client.query(step.sql);
      else await step.run(client);
      await keeper.record(client, step);
    }
    return pending.map((step) => step.version);
  });
}

/** A keeper that lists applied steps in `table` (created on first read) and reads the highest. */
export function tableVersionKeeper(table: string): PostgresVersionKeeper {
  return {
    where: `table ${table}`,
    async read(client) {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${table}`);
      return rows[0]?.version ?? 0;
    },
    async record(client, step) {
      await client.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [step.version, step.name]);
    },
  };
}
