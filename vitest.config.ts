import { defineConfig } from 'vitest/config';

// `npm test`: unit tests (shared/) and API tests (procedures through createCaller on a real,
// migrated SQLite file; HTTP tests on the real server in-process). `npm run test:unit` runs
// test/unit alone. Reliability tests (the real server as a child process: kill -9, faults,
// backup, logs, a load smoke run) have a config of their own, vitest.reliability.config.ts
// (`npm run test:reliability`); browser tests run with `npm run e2e`.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/api/**/*.test.ts'],
    environment: 'node',
    // Generous: on a busy machine (CI shares two cores) a CLI child process or a seeded fixture
    // can take many times its quiet figure; a hang still fails.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
  },
});
