import { defineConfig } from 'vitest/config';

// `npm run test:pg`: the API tests again, each test world on a fresh PostgreSQL database copied
// from a template migrated once per run (test/support/pg-global-setup.ts), and the reliability
// suites (RELIABILITY_ON_BOTH, PG_RELIABILITY). Needs a PostgreSQL
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
  'export-ranges',
  'fuzz',
  'gateway-http',
  'hostile-input',
  'http',
  'http-hardening',
  'integration-import',
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
 * Reliability suites (test/reliability/) that run on both engines: `npm run test:reliability` on
 * SQLite, `npm run test:pg` on PostgreSQL (the server with DATABASE_URL on a fresh database, the
 * seeded demo copied in: test/reliability/support/seeded-target.ts). The others stay SQLite-only:
 * RELIABILITY_SQLITE_ONLY says why.
 */
export const RELIABILITY_ON_BOTH = ['audit-checkpoints', 'backup', 'crash-safety', 'faults', 'gateway-http', 'invariants', 'pii-logs'].map(
  (name) => `test/reliability/${name}.test.ts`,
);

/** Reliability files that are about SQLite itself, with their PostgreSQL counterparts where the promise is the same. */
export const RELIABILITY_SQLITE_ONLY = {
  'load-smoke':
    'npm run load copies a SQLite file (--db); on PostgreSQL test/reliability/pg-load-smoke.test.ts runs `npm run load --servers 2` with DATABASE_URL',
};

/**
 * Reliability tests run on PostgreSQL: the suites of both engines, and those that need PostgreSQL
 * itself (several console processes on one database, docs/deployment.md § Several servers). They
 * start real servers, so they take longer.
 */
export const PG_RELIABILITY = [
  ...RELIABILITY_ON_BOTH,
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
export const NOT_YET: Record<string, string> = {};

export default defineConfig({
  test: {
    include: process.env.PG_TRY ? ['test/api/**/*.test.ts', ...PG_RELIABILITY] : [...PORTED, ...PG_RELIABILITY, ...PG_ONLY],
    globalSetup: ['test/support/pg-global-setup.ts'],
    environment: 'node',
    // the reliability suites' budget (vitest.reliability.config.ts): a test there waits on several
    // conditions of 45 s each on a busy machine; a hang still fails
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
