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
export const PORTED = [
  'audit-verify-cli',
  'auth',
  'calendar-coverage',
  'case-flow',
  'cases-assign',
  'cases-decisions',
  'cases-dispute',
  'cases-exactly-once',
  'cases-gateway-faults',
  'cases-list-filters',
  'cases-list-plans',
  'comms',
  'comms-send-template',
  'dashboard-links',
  'export-cases',
  'export-concurrency',
  'fuzz',
  'gateway-http',
  'hostile-input',
  'http',
  'http-hardening',
  'integration-ingest',
  'integration-page',
  'integration-settlement',
  'maker-checker.property',
  'member-messages',
  'members-auto-renew',
  'money-decisions',
  'order-messages',
  'order-page',
  'orders-search',
  'orders-search-common',
  'oversight',
  'permissions',
  'pii-lookups',
  'policy',
  'reader-connection',
  'sessions',
  'sign-in-throttle',
  'sibling-reads-and-bidi',
  'static-files',
  'store-apple',
  'store-google',
  'uploads',
].map((name) => `test/api/${name}.test.ts`);

/**
 * Reliability tests that need PostgreSQL itself: several console processes on one database
 * (docs/deployment.md § Several servers). They start real servers, so they take longer.
 */
export const PG_RELIABILITY = [
  'test/reliability/pg-servers.test.ts',
  'test/reliability/pg-kill.test.ts',
  'test/reliability/pg-load-smoke.test.ts',
];

/**
 * Tests about PostgreSQL alone (test/pg/): the seed, audit:verify, backup and the read replica
 * there, plans of the hot queries. `npm test` never runs them.
 */
export const PG_ONLY = ['test/pg/**/*.test.ts'];

/** Test files about SQLite itself, or that reach into the SQLite file with better-sqlite3 as written. */
export const SQLITE_ONLY = {
  'query-plans': "checks SQLite's query plans (EXPLAIN QUERY PLAN)",
  'comms-search': "runs ANALYZE and checks SQLite's plans through the file",
  'audit-chain': 'tampers with the file and verifies with the better-sqlite3 walk',
  'audit-checkpoints': 'tampers with the file; the checkpoint file lives beside it',
  'backup-cli': 'npm run backup copies the SQLite file and the test tampers with the copy (PostgreSQL: test/pg/backup-postgres.test.ts)',
  seed: 'the demo seed writes SQLite files',
};

/**
 * Not passing on PostgreSQL yet (docs/deployment.md § Left), with what fails. Files added since
 * are in no list; try them with PG_TRY=1.
 */
export const NOT_YET: Record<string, string> = {
  'integration-import': 'npm run import opens SQLite files (--db); it does not take DATABASE_URL yet',
};

export default defineConfig({
  test: {
    include: process.env.PG_TRY ? ['test/api/**/*.test.ts', ...PG_RELIABILITY] : [...PORTED, ...PG_RELIABILITY, ...PG_ONLY],
    globalSetup: ['test/support/pg-global-setup.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
