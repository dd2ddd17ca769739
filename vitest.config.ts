import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser tests run under @web/test-runner (tests/browser) and end-to-end tests under their own config.
    exclude: ['tests/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
