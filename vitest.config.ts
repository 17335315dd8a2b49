import { defineConfig } from 'vitest/config';

// Unit tests (shared/), API tests (procedures through createCaller on a real, migrated SQLite
// file) and reliability tests (the real server as a child process: kill -9, faults, backup,
// logs, a load smoke run). Browser tests run separately with `npm run e2e`.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/api/**/*.test.ts', 'test/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
    hookTimeout: 30000,
    pool: 'forks',
  },
});
