/**
 * The server's tables on PostgreSQL (users, sessions, idempotency keys, definition versions,
 * records and their history, projections, inbox read marks) as numbered steps, kept in
 * `sf_migrations` like SQLite's server-migrations.ts, run by migrate.ts under the advisory lock.
 * The engine store's steps are in engine-migrations.ts, with their own count. A released step
 * never changes: a new need is a new step at the end.
 */
import type { PostgresConnection } from './connection.ts';
import { type PostgresStep, runPostgresMigrations, tableVersionKeeper } from './migrate.ts';

/** Filled by the server's PostgreSQL storage (issue 17): the server tables, as on SQLite. */
export const SERVER_POSTGRES_STEPS: PostgresStep[] = [];

export const serverPostgresVersionKeeper = tableVersionKeeper('sf_migrations');

/** Brings the server's tables up to the last step; returns the versions applied. */
export function migratePostgresServer(conn: PostgresConnection, steps: readonly PostgresStep[] = SERVER_POSTGRES_STEPS): Promise<number[]> {
  return runPostgresMigrations(conn, steps, serverPostgresVersionKeeper);
}
