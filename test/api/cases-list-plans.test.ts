import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { caseKeysQuery } from '../../server/cases/list-cases';
import type { DB } from '../../server/db/schema';
import { seedDatabase } from '../../server/seed/seed-database';
import { casesListInput } from '../../shared/schemas/cases';

// The case list's queries (the page's keys and the total) for every filter, read with EXPLAIN
// QUERY PLAN on a seeded database whose statistics are those of the 1,000,000-order demo
// (25,000 cases; copied below, so the planner chooses as it does at that size). No query scans
// a table other than the cases themselves (orders, members, usage, decisions, refunds and
// quotes are only ever searched by index). The cases are walked in full only where the filter
// is not a key of its own — a plan or tier (a probe of the order's plan per case), an SLA
// breach (two columns compared) — and the page's keys then stop at the page's end.

const NOW = new Date('2026-11-29T13:00:00.000Z');
const SMALL_TABLES = new Set(['plans', 'staff', 'policy_versions']);
// sqlite_stat1 of the 1M-order demo (npm run seed -- --orders 1000000), for the tables these queries read
const STATS: [string, string | null, string][] = [
  ['refund_cases', 'cases_sla', '25000 302 1'],
  ['refund_cases', 'cases_reason', '25000 4167 51 1'],
  ['refund_cases', 'cases_channel', '25000 5000 61 1'],
  ['refund_cases', 'cases_closed', '13893 1'],
  ['refund_cases', 'cases_created', '25000 1 1'],
  ['refund_cases', 'cases_assignee', '25000 12500 1563 46'],
  ['refund_cases', 'cases_status_sla', '25000 3125 91'],
  ['refund_cases', 'cases_order', '25000 1'],
  ['refund_cases', 'sqlite_autoindex_refund_cases_1', '25000 1'],
  ['refunds', 'refunds_settled', '9222 4611 2'],
  ['refunds', 'refunds_case', '9222 1'],
  ['refunds', 'refunds_order', '9222 1'],
  ['refunds', 'refunds_created', '9222 1'],
  ['refunds', 'refunds_one_live_per_case', '9222 1'],
  ['refunds', 'sqlite_autoindex_refunds_1', '9222 1'],
  ['case_decisions', 'decisions_action', '32401 4629 1'],
  ['case_decisions', 'decisions_actor', '32401 10801 1906 1'],
  ['case_decisions', 'decisions_case', '32401 2 1'],
  ['case_decisions', 'decisions_created', '32401 1'],
  ['quotes', 'quotes_case', '23093 1 1'],
  ['orders', 'orders_no_plan', '1000000 1 1'],
  ['orders', 'sqlite_autoindex_orders_1', '1000000 1'],
  ['orders', 'orders_plan', '1000000 1001 1'],
];

type ListInput = z.input<typeof casesListInput>;
const month = { from: '2026-10-30', to: '2026-11-29' };
/** name, input, and whether counting may walk every case */
const FILTERS: [string, ListInput, boolean?][] = [
  ['every case', {}, true],
  ['open cases', { open: true }, true],
  ['a status', { status: 'pending_approval' }],
  ['a reason', { reason: 'dissatisfied' }],
  ['an intake channel', { channel: 'email' }],
  ['a plan', { planCode: 'std_annual' }, true],
  ['a tier', { tier: 'cobrand' }, true],
  ['a case number prefix', { q: 'RC2026112' }],
  ['an order number prefix', { q: 'KM20261120' }],
  ['opened in a month', { dateField: 'created', ...month }],
  ['closed in a month', { dateField: 'closed', ...month }],
  ['refunds paid in a month', { decision: 'refunded', dateField: 'decided', ...month }],
  [
    'refunds paid on a day by one person',
    { decision: 'refunded', decidedBy: 'agent1', dateField: 'decided', from: '2026-11-20', to: '2026-11-20' },
  ],
  ['exception refunds in a month', { decision: 'refunded', basis: 'exception', dateField: 'decided', ...month }],
  ['approvals on a day', { decision: 'approved', dateField: 'decided', from: '2026-11-20', to: '2026-11-20' }],
  ['rejections in a month', { decision: 'rejected', dateField: 'decided', ...month }],
  ['exception proposals', { decision: 'proposed', basis: 'exception' }],
  ['anything one person decided', { decidedBy: 'super1' }, true],
  ['SLA breached among cases opened in a month', { slaBreached: true, dateField: 'created', ...month }],
  ['overdue', { overdue: true }, true],
];

let dir: string;
let sqlite: Database.Database;
let db: Kysely<DB>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-case-plans-'));
  const path = join(dir, 'plans.db');
  await seedDatabase({ path, orders: 1200, seed: 5, progress: false, now: NOW });
  sqlite = new Database(path);
  sqlite.exec('delete from sqlite_stat1');
  const insert = sqlite.prepare('insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)');
  for (const [tbl, idx, stat] of STATS) insert.run(tbl, idx, stat);
  sqlite.exec('analyze sqlite_schema'); // reload the statistics
  db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function planOf(query: { compile: () => { sql: string; parameters: readonly unknown[] } }): string[] {
  const { sql, parameters } = query.compile();
  return (sqlite.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[]).map((r) => r.detail);
}

describe('cases.list query plans at the size of the 1M-order demo', () => {
  const staff = { id: 1, username: 'super1', displayName: 'super1', role: 'supervisor' as const, approvalLimitFen: null };
  for (const [name, raw, walksCases] of FILTERS) {
    it(`${name}: searches every table it reads by index${walksCases ? '' : ', the cases included'}`, async () => {
      const input = casesListInput.parse({ limit: 50, withTotal: true, ...raw });
      const { keys, count } = await caseKeysQuery(db, staff, input, NOW);
      for (const plan of [planOf(keys), planOf(count)]) {
        const scanned = plan.map((d) => /^SCAN (\w+)/.exec(d)?.[1]).filter((t): t is string => !!t && !SMALL_TABLES.has(t));
        expect(
          scanned.filter((t) => t !== 'refund_cases'),
          plan.join('\n'),
        ).toEqual([]);
        if (!walksCases) expect(scanned, plan.join('\n')).toEqual([]);
      }
    });
  }

  it('pages any-status cases straight off the SLA index, without sorting them', async () => {
    const input = casesListInput.parse({ limit: 50 });
    const { keys } = await caseKeysQuery(db, staff, input, NOW);
    const plan = planOf(keys);
    expect(plan.join('\n')).toMatch(/cases_sla/);
    expect(
      plan.some((d) => d.includes('TEMP B-TREE')),
      plan.join('\n'),
    ).toBe(false);
  });
});
