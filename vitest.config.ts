import { defineConfig } from 'vitest/config';

// Unit tests (shared/) and API tests (procedures through createCaller on a real, migrated
// SQLite file). Browser tests run separately with `npm run e2e`.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/api/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
    hookTimeout: 30000,
    pool: 'forks',
  },
});
