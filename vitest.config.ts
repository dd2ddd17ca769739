import { defineConfig } from 'vitest/config';

/**
 * The suites that run a second time with their servers on PostgreSQL (project `postgres`,
 * SF_TEST_DATABASE=postgres; tests/helpers/test-database.ts): the HTTP API, the access matrix,
 * logins and the idempotent POSTs (issue 17). The store's own contract suite and the suites written
 * for PostgreSQL alone (several nodes, the database going away) run once, in project `sqlite`,
 * which holds every test file.
 */
const POSTGRES_SUITES = [
  'tests/server/server-cases.test.ts',
  'tests/server/server-auth.test.ts',
  'tests/reliability/reliability-access.test.ts',
  'tests/security/security-idempotency.test.ts',
  'tests/server/server-inbox.test.ts',
];

const common = {
  // Browser tests run under @web/test-runner (tests/browser) and end-to-end tests under their own config.
  exclude: ['tests/browser/**', 'node_modules/**'],
  testTimeout: 30_000,
  // Setup starts servers and logs users in (scrypt): on a machine kept busy by other work that
  // takes far longer than vitest's default 10 s, and a timeout there fails every test of the file.
  hookTimeout: 60_000,
  pool: 'forks' as const,
  // One worker on the two-core machine the suite is timed on (vitest's default there: cores minus
  // one), said here so it stays so: on a machine busy with other work, two workers would give each
  // test about half the CPU it gets alone, and the staff and portal tours would build dist/ui at
  // once. Sharing modules (below) is what makes the run shorter.
  maxWorkers: 1,
  // A worker keeps its modules from one test file to the next instead of loading them afresh: the
  // sources, ajv, yaml and pg once per worker, the definition schemas compiled once. Isolated, the
  // security folder took 30 s of CPU; shared, 12–15 s. Test files share no state through modules:
  // each builds its own servers and databases, and restores the environment variables it sets.
  isolate: false,
};

export default defineConfig({
  test: {
    // One throwaway PostgreSQL cluster for the run, both projects on it: the store, API, access and
    // audit suites run on PostgreSQL too (issue 17). Its URL reaches tests through inject('postgresUrl').
    // Set here, at the root, it starts once; set in each project it started a cluster per project.
    globalSetup: ['tests/helpers/postgres-global.ts'],
    projects: [
      { test: { ...common, name: 'sqlite', include: ['tests/**/*.test.ts'] } },
      { test: { ...common, name: 'postgres', include: POSTGRES_SUITES, env: { SF_TEST_DATABASE: 'postgres' } } },
    ],
  },
});
