import { defineConfig } from 'vitest/config';

// `npm run test:pg`: the API tests again, each test world on a fresh PostgreSQL database copied
// from a template migrated once per run (test/support/pg-global-setup.ts). Needs a PostgreSQL
// server: PG_TEST_URL, else postgres://postgres@127.0.0.1:5432/postgres. `npm test` stays on
// SQLite and needs none.
//
// The port is in progress (docs/deployment.md § PostgreSQL): PORTED lists the files that pass on
// PostgreSQL today, and only they run, so the suite is green and says exactly what works.
// Files are added here as their queries are made engine-aware. To try one that is not listed:
// PG_TRY=1 npx vitest run --config vitest.pg.config.ts test/api/<file>.
export const PORTED = ['test/api/case-flow.test.ts'];

export default defineConfig({
  test: {
    include: process.env.PG_TRY ? ['test/api/**/*.test.ts'] : PORTED,
    globalSetup: ['test/support/pg-global-setup.ts'],
    environment: 'node',
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
  },
});
