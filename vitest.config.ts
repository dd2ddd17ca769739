import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser tests run under @web/test-runner (tests/browser) and end-to-end tests under their own config.
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    // Setup starts servers and logs users in (scrypt): on a machine kept busy by other work that
    // takes far longer than vitest's default 10 s, and a timeout there fails every test of the file.
    hookTimeout: 60_000,
    pool: 'forks',
    // One throwaway PostgreSQL cluster for the run: the store, API, access and audit suites run on
    // PostgreSQL too (issue 17). Its URL reaches tests through inject('postgresUrl').
    globalSetup: ['tests/helpers/postgres-global.ts'],
  },
});
