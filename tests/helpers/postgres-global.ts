/**
 * vitest global setup: one throwaway PostgreSQL cluster for the whole run, so the store contract,
 * API, access and audit suites run on PostgreSQL as well as SQLite (issue 17). Test files read its
 * URL with `inject('postgresUrl')` and take a database of their own (`createDatabase`).
 *
 * A machine without PostgreSQL fails here with the install hint; nothing is skipped.
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startPostgresCluster({ fsync: false });
  project.provide('postgresUrl', cluster.url);
}

export async function teardown(): Promise<void> {
  await cluster?.destroy();
}
