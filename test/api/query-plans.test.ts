import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingSender } from '../../server/adapters/recording-sender';
import { createSimulatedGateway } from '../../server/adapters/simulated-gateway';
import { createContextInner } from '../../server/context';
import type { DB } from '../../server/db/schema';
import { createCaller } from '../../server/router';
import { seedDatabase } from '../../server/seed/seed-database';
import type { OrderSearchInput } from '../../shared/schemas/orders';

// Every query the order search, the order page and the usage log send must use an index
// (ISSUE: "every search query uses an index; no unbounded scans"). The procedures run through
// the real router on a seeded, ANALYZEd demo database; every SELECT they issue is captured and
// its EXPLAIN QUERY PLAN read. A plain `SCAN <table>` (a full table scan) fails the test, and
// so does a temporary B-tree for ORDER BY on a filter-only search, where the matching rows can
// be most of the table (sorting them all would be unbounded). Tiny reference tables may be
// scanned: their size does not grow with orders.

const SMALL_TABLES = new Set(['plans', 'staff', 'policy_versions', 'calendar_days', 'settings', 'message_templates']);
// The audit chain's head (recordAudit: the newest event by its rowid, LIMIT 1) is one step to the
// end of the table's b-tree, which SQLite reports as a SCAN. A search by a whole phone or e-mail
// writes its lookup event through it (server/members/pii-lookups.ts).
const isAuditHead = (sql: string) => /^select "id", "hash" from "audit_events" order by "id" desc limit 1$/.test(sql.trim());
const NOW = new Date('2026-11-20T04:00:00.000Z');

let dir: string;
let sqlite: Database.Database;
let captured: CompiledQuery[] = [];
let caller: ReturnType<typeof createCaller>;
let supervisor: ReturnType<typeof createCaller>;
let sample: { orderNo: string; uid: string; phone: string; email: string; transactionId: string; nickname: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-plans-'));
  const path = join(dir, 'plans.db');
  await seedDatabase({ path, orders: 3000, seed: 11, progress: false, now: NOW });
  sqlite = new Database(path);
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  /** A caller signed in as the seeded staff member `username`, on the capturing connection. */
  function callerAs(username: string) {
    const staff = sqlite
      .prepare(`select id, username, role, display_name, approval_limit_fen from staff where username = ?`)
      .get(username) as {
      id: number;
      username: string;
      role: 'agent' | 'supervisor';
      display_name: string;
      approval_limit_fen: number | null;
    };
    return createCaller(
      createContextInner(
        {
          db,
          reader: db, // the plans are the same on either connection; one connection sees them all
          dbPath: path,
          now: () => NOW,
          gateway: createSimulatedGateway({ latencyMs: 0, failureRate: 0, timeoutRate: 0, random: () => 0.5 }),
          sender: createRecordingSender(),
          config: { sessionIdleMinutes: 120, cookieSecure: false },
        },
        {
          staff: {
            id: staff.id,
            username: staff.username,
            role: staff.role,
            displayName: staff.display_name,
            approvalLimitFen: staff.approval_limit_fen,
          },
          clientIp: '127.0.0.1',
        },
      ),
    );
  }
  caller = callerAs('agent1');
  supervisor = callerAs('super1');
  // A member with a 3+ character nickname and an order with a transaction id and usage.
  sample = sqlite
    .prepare(
      `select o.order_no as orderNo, m.uid, m.phone, m.email, o.transaction_id as transactionId, m.nickname
         from orders o join members m on m.uid = o.member_uid
        where o.transaction_id is not null and length(m.nickname) >= 3
          and exists (select 1 from usage_events u where u.order_no = o.order_no)
        order by o.order_no limit 1`,
    )
    .get() as typeof sample;
});

afterAll(() => {
  sqlite?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

function planOf(query: CompiledQuery): string[] {
  const rows = sqlite.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as PlanRow[];
  return rows.map((r) => r.detail);
}

/** Runs `call`, then returns the problems found in the plans of the SELECTs it issued. */
async function planProblems(call: () => Promise<unknown>, opts: { allowSort: boolean }): Promise<string[]> {
  captured = [];
  await call();
  const selects = captured.filter((q) => /^\s*(select|with)\b/i.test(q.sql));
  expect(selects.length, 'the call issued no SELECT').toBeGreaterThan(0);
  const problems: string[] = [];
  for (const query of selects) {
    if (isAuditHead(query.sql)) continue;
    // A bound LIMIT runs a one-row lookup at half speed (server/db/literal-limit.ts).
    if (/\b(limit|offset) \?/i.test(query.sql)) problems.push(`bound LIMIT/OFFSET\n  in ${query.sql}`);
    for (const detail of planOf(query)) {
      const scan = /^SCAN (\w+)(.*)$/.exec(detail);
      // the newest row by its integer key (the audit chain's head) is one row read backwards
      const newestRow = /order by "id" desc limit 1$/.test(query.sql);
      if (scan && !newestRow && !/USING (COVERING )?INDEX|VIRTUAL TABLE/.test(scan[2] ?? '') && !SMALL_TABLES.has(scan[1]!)) {
        problems.push(`full scan: ${detail}\n  in ${query.sql}`);
      }
      if (!opts.allowSort && /USE TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/.test(detail)) {
        problems.push(`sort of every match: ${detail}\n  in ${query.sql}`);
      }
    }
  }
  return problems;
}

describe('orders.search uses an index for every kind of key', () => {
  const keys: [string, () => string][] = [
    ['order number', () => sample.orderNo],
    ['member uid', () => sample.uid],
    ['whole phone', () => sample.phone],
    ['last 4 digits of a phone', () => sample.phone.slice(-4)],
    ['e-mail', () => sample.email],
    ['transaction id', () => sample.transactionId],
    ['1 character of a nickname', () => Array.from(sample.nickname)[0]!],
    ['2 characters of a nickname', () => Array.from(sample.nickname).slice(0, 2).join('')],
    ['3 characters of a nickname', () => Array.from(sample.nickname).slice(0, 3).join('')],
  ];
  for (const [name, q] of keys) {
    it(`by ${name}, with either sort and a next page`, async () => {
      for (const sort of ['paidAt', 'paidFen'] as const) {
        const input: OrderSearchInput = { q: q(), sort, limit: 1 };
        expect(await planProblems(() => caller.orders.search(input), { allowSort: true })).toEqual([]);
        const first = await caller.orders.search(input);
        expect(first.items.length, `no order found by ${name}`).toBeGreaterThan(0);
        if (first.nextCursor) {
          const next = { ...input, cursor: first.nextCursor };
          expect(await planProblems(() => caller.orders.search(next), { allowSort: true })).toEqual([]);
        }
      }
    });
  }
});

describe('orders.search uses an index for every filter, sorted either way, without sorting every match', () => {
  const filters: [string, OrderSearchInput][] = [
    ['no filter', {}],
    ['status', { status: 'refunded' }],
    ['tier', { tier: 'cobrand' }],
    ['plan', { planCode: 'std_monthly' }],
    ['payment channel', { paymentChannel: 'bank_card' }],
    ['platform', { platform: 'web' }],
    ['paid date range', { from: '2026-10-01T00:00:00.000Z', to: '2026-10-31T16:00:00.000Z' }],
    ['amount range', { minFen: 1000, maxFen: 3000 }],
    ['has an open case', { hasOpenCase: true }],
    ['auto-renew', { autoRenew: true }],
    ['status and channel together', { status: 'paid', paymentChannel: 'alipay' }],
  ];
  // Orders with an open case are the team's working set (thousands at most), so sorting them is bounded.
  const allowSort = (filter: OrderSearchInput) => filter.hasOpenCase === true;
  for (const [name, filter] of filters) {
    it(name, async () => {
      for (const sort of ['paidAt', 'paidFen'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          const input: OrderSearchInput = { ...filter, sort, dir, limit: 20 };
          const problems = await planProblems(() => caller.orders.search(input), { allowSort: allowSort(filter) });
          expect(problems, `${name}, ${sort} ${dir}`).toEqual([]);
          const first = await caller.orders.search(input);
          if (first.nextCursor) {
            const next = { ...input, cursor: first.nextCursor };
            expect(
              await planProblems(() => caller.orders.search(next), { allowSort: allowSort(filter) }),
              `${name}, ${sort} ${dir}, page 2`,
            ).toEqual([]);
          }
        }
      }
    });
  }
});

describe('the order page and its usage log use an index for every query', () => {
  it('orders.get', async () => {
    expect(await planProblems(() => caller.orders.get({ orderNo: sample.orderNo }), { allowSort: true })).toEqual([]);
  });

  it('orders.usage, by kind and date range, both directions, next page', async () => {
    const inputs = [
      { orderNo: sample.orderNo },
      { orderNo: sample.orderNo, dir: 'asc' as const },
      { orderNo: sample.orderNo, kind: 'login' as const },
      { orderNo: sample.orderNo, from: '2026-08-01T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
    ];
    for (const input of inputs) {
      expect(await planProblems(() => caller.orders.usage({ ...input, limit: 5 }), { allowSort: false })).toEqual([]);
      const first = await caller.orders.usage({ ...input, limit: 1 });
      if (first.nextCursor) {
        expect(
          await planProblems(() => caller.orders.usage({ ...input, limit: 1, cursor: first.nextCursor }), { allowSort: false }),
        ).toEqual([]);
      }
    }
  });
});

describe('the money decisions use an index for every query (issue 14)', () => {
  it('cases.list filtered by SLA breaches (first decision after the due time) and the approvals queue with its staleness flags', async () => {
    expect(await planProblems(() => caller.cases.list({ slaBreached: true, withTotal: true }), { allowSort: false })).toEqual([]);
    expect(await planProblems(() => caller.cases.list({ status: 'pending_approval' }), { allowSort: false })).toEqual([]);
  });

  it('opening, quoting and approving a case, with the quote’s currency and four-eyes checks', async () => {
    const order = sqlite
      .prepare(
        `select o.order_no from orders o join entitlements e on e.order_no = o.order_no join plans p on p.code = o.plan_code
          where o.status = 'paid' and o.anomaly is null and o.open_case_no is null and o.payment_channel = 'alipay' and p.tier = 'standard' and o.paid_fen <= 10000
            and e.activated_at is null and o.paid_at > ? and not exists (select 1 from usage_events u where u.order_no = o.order_no)
          order by o.order_no limit 1`,
      )
      .pluck()
      .get(new Date(NOW.getTime() - 5 * 86_400_000).toISOString()) as string;
    const { caseNo } = await caller.cases.create({
      orderNo: order,
      channel: 'app',
      reason: 'unused',
      requested: 'full',
      statement: 'plan test',
    });
    const quote = await caller.cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(quote.reasonCode).toBe('full_unused');
    expect(await planProblems(() => caller.cases.get({ caseNo }), { allowSort: true })).toEqual([]);
    expect(
      await planProblems(() => caller.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: `plan-${caseNo}` }), {
        allowSort: true,
      }),
    ).toEqual([]);
  });

  it('dashboard.summary counts SLA breaches by an index', async () => {
    expect(await planProblems(() => supervisor.dashboard.summary({ from: '2026-11-01', to: '2026-11-20' }), { allowSort: true })).toEqual(
      [],
    );
  });
});
