import { defineConfig } from 'vitest/config';

// Browser tests (test/e2e): one file at a time in one forked worker, against the real server
// that test/e2e/run.ts starts on a freshly seeded database (BASE_URL). Run with `npm run e2e`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
  },
});
