/**
 * Which database a test file's servers run on. vitest runs the API, access and audit suites twice
 * (vitest.config.ts: projects `sqlite` and `postgres`); the `postgres` project sets
 * SF_TEST_DATABASE=postgres, and every test server made through tests/server/server-support.ts or
 * tests/helpers/real-server.ts then takes a PostgreSQL database of its own on the run's cluster.
 */
import { inject } from 'vitest';
import { createDatabase, dropDatabase } from './postgres-cluster.ts';

export type TestDatabase = 'sqlite' | 'postgres';

export function testDatabase(): TestDatabase {
  return process.env.SF_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

/** A new empty PostgreSQL database on the run's cluster: its URL, and how to drop it. */
export async function freshPostgresDatabase(prefix = 'sf_api'): Promise<{ url: string; drop(): Promise<void> }> {
  const url = await createDatabase(inject('postgresUrl'), prefix);
  return { url, drop: () => dropDatabase(url) };
}
