import { defineConfig } from 'vitest/config';

// Browser tests (test/e2e): one file at a time in one forked worker, against the real server
// that test/e2e/run.ts starts on a freshly seeded database (BASE_URL). Run with `npm run e2e`.
// Vitest overwrites process.env.BASE_URL in the test workers with Vite's own BASE_URL ('/'),
// so the server address that run.ts passes as BASE_URL is read here and handed on as
// E2E_BASE_URL.
const baseUrl = process.env.E2E_BASE_URL ?? process.env.BASE_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  test: {
    env: { E2E_BASE_URL: baseUrl },
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: 0,
  },
});
