import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingSender } from '../../server/adapters/recording-sender';
import { createSimulatedGateway } from '../../server/adapters/simulated-gateway';
import { createContextInner } from '../../server/context';
import { openDatabase, type OpenedDatabase } from '../../server/db/client';
import { createCaller } from '../../server/router';
import { seedDatabase } from '../../server/seed/seed-database';
import { addDays, toLocalDate } from '../../shared/time/local-date';
import { caseListInput, type CaseSearchParams } from '../../client/screens/cases/case-search-params';
import { figureCases, type DayRange } from '../../client/screens/dashboard/figure-cases';
import { callerFor } from '../support/test-db';
import { playDeskWeek, type Scenario } from './case-history-scenario';

// Every dashboard figure links to the case queue with filters (figure-cases.ts, the links the
// dashboard draws); the cases listed under those filters must add up to the figure.

type Api = ReturnType<typeof createCaller>;

/** Every case the queue lists for a dashboard link, page by page (small pages: paging is part of it). */
async function casesBehind(api: Api, search: CaseSearchParams) {
  const input = caseListInput(search, 'team', 4);
  const items: Awaited<ReturnType<Api['cases']['list']>>['items'] = [];
  let cursor: string | undefined;
  let total: number | null = null;
  do {
    const page = await api.cases.list({ ...input, cursor });
    total = page.total;
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(new Set(items.map((i) => i.caseNo)).size, 'no case twice').toBe(items.length);
  expect(total, 'the total the queue shows').toBe(items.length);
  return {
    count: items.length,
    refundedFen: items.reduce((s, i) => s + (i.refund?.status === 'succeeded' ? i.refund.amountFen : 0), 0),
    items,
  };
}

/** Checks every figure of the dashboard for the range against the cases behind its link. */
async function expectFiguresAddUp(api: Api, range: DayRange) {
  const d = await api.dashboard.summary(range);
  const t = d.totals;
  const paid = await casesBehind(api, figureCases.refunds(range));
  expect({ count: paid.count, fen: paid.refundedFen }, 'refunds and amount').toEqual({ count: t.refunds, fen: t.amountFen });
  for (const day of d.daily) {
    const behind = await casesBehind(api, figureCases.day(day.date));
    expect({ count: behind.count, fen: behind.refundedFen }, `day ${day.date}`).toEqual({ count: day.count, fen: day.amountFen });
  }
  const splits = [
    ['reason', d.byReason, figureCases.reason],
    ['channel', d.byChannel, figureCases.channel],
    ['plan', d.byPlan, figureCases.plan],
    ['agent', d.byAgent, figureCases.agent],
    ['exception', d.exceptions, figureCases.exceptions],
  ] as const;
  for (const [name, buckets, link] of splits) {
    for (const b of buckets) {
      const behind = await casesBehind(api, link(range, b.key));
      expect({ count: behind.count, fen: behind.refundedFen }, `${name} ${b.key}`).toEqual({ count: b.count, fen: b.amountFen });
    }
  }
  const exceptions = await casesBehind(api, figureCases.exceptions(range));
  expect(exceptions.count, 'exceptions and goodwill').toBe(d.exceptions.reduce((s, e) => s + e.count, 0));
  expect((await casesBehind(api, figureCases.approvals(range))).count, 'approvals').toBe(t.approvals);
  expect((await casesBehind(api, figureCases.rejections(range))).count, 'rejections').toBe(t.rejections);
  expect((await casesBehind(api, figureCases.proposals(range))).count, 'proposals').toBe(t.proposals);
  expect((await casesBehind(api, figureCases.opened(range))).count, 'cases opened').toBe(t.casesOpened);
  expect((await casesBehind(api, figureCases.stillOpen(range))).count, 'still open').toBe(t.stillOpen);
  expect((await casesBehind(api, figureCases.slaBreaches(range))).count, 'SLA breaches').toBe(t.slaBreaches);
  expect((await casesBehind(api, figureCases.closed(range))).count, 'cases behind the handling time').toBe(t.casesClosed);
  return d;
}

describe('dashboard figures and the cases behind them', () => {
  let s: Scenario;
  let api: Api;
  beforeAll(async () => {
    s = await playDeskWeek();
    api = callerFor(s.world, s.auditor);
  }, 120_000);
  afterAll(() => s?.world.cleanup());

  it('add up for the month, with every kind of figure present', async () => {
    const d = await expectFiguresAddUp(api, { from: '2026-11-01', to: '2026-11-30' });
    // the story above, as the dashboard tells it: refunds by agents and a supervisor,
    // an exception and a goodwill refund, a case rejected twice counted once, breaches
    expect(d.totals).toMatchObject({
      refunds: 7,
      approvals: 7,
      rejections: 2,
      proposals: 2,
      casesOpened: 11,
      stillOpen: 1,
      slaBreaches: 2,
    });
    expect(Object.fromEntries(d.exceptions.map((e) => [e.key, e.count]))).toEqual({ evidence: 1, goodwill: 1 });
    expect(d.byAgent.map((a) => a.key).sort()).toEqual([s.agent1.username, s.agent2.username, s.supervisor.username].sort());
    expect(d.totals.casesClosed).toBeGreaterThan(0);
  });

  it('add up day by day, on Beijing dates: a refund at 00:30 on Saturday counts on Saturday', async () => {
    const saturday = await expectFiguresAddUp(api, { from: '2026-11-21', to: '2026-11-21' });
    const afterMidnight = await casesBehind(api, figureCases.refunds({ from: '2026-11-21', to: '2026-11-21' }));
    expect(afterMidnight.items.map((i) => i.caseNo)).toContain(s.cases.afterMidnight);
    expect(saturday.totals.refunds).toBe(afterMidnight.count);
    // the bank card approved on Saturday was paid on Monday: it counts, and is listed, on Monday
    const monday = await casesBehind(api, figureCases.refunds({ from: '2026-11-23', to: '2026-11-23' }));
    expect(monday.items.map((i) => i.caseNo)).toEqual([s.cases.bankCard]);
    for (const day of ['2026-11-20', '2026-11-22', '2026-11-23', '2026-11-27']) await expectFiguresAddUp(api, { from: day, to: day });
  });

  it('link with the same filters the case list takes over plain JSON', () => {
    const range = { from: '2026-11-01', to: '2026-11-30' };
    expect(caseListInput(figureCases.agent(range, 'agent1'), 'team', 50)).toEqual({
      decision: 'refunded',
      decidedBy: 'agent1',
      dateField: 'decided',
      from: '2026-11-01',
      to: '2026-11-30',
      withTotal: true,
      limit: 50,
    });
    expect(caseListInput(figureCases.stillOpen(range), 'team', 50)).toMatchObject({ open: true, dateField: 'created', from: '2026-11-01' });
  });
});

describe('on a seeded demo database', () => {
  const NOW = new Date('2026-11-24T10:00:00.000Z');
  const dir = mkdtempSync(join(tmpdir(), 'refund-desk-links-'));
  let opened: OpenedDatabase;
  let api: Api;

  beforeAll(async () => {
    const path = join(dir, 'seeded.db');
    await seedDatabase({ path, orders: 2500, seed: 11, progress: false, now: NOW });
    opened = openDatabase(path);
    const deps = {
      db: opened.db,
      reader: opened.db,
      dbPath: opened.sqlite.name,
      now: () => NOW,
      gateway: createSimulatedGateway({ latencyMs: 0, failureRate: 0, timeoutRate: 0 }),
      sender: createRecordingSender(),
      config: { sessionIdleMinutes: 120, cookieSecure: false },
    };
    const staff = await opened.db
      .selectFrom('staff')
      .select(['id', 'username', 'display_name', 'role', 'approval_limit_fen'])
      .where('username', '=', 'super1')
      .executeTakeFirstOrThrow();
    api = createCaller(
      createContextInner(deps, {
        staff: {
          id: staff.id,
          username: staff.username,
          displayName: staff.display_name,
          role: staff.role,
          approvalLimitFen: staff.approval_limit_fen,
        },
        clientIp: '127.0.0.1',
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every figure of the last 120 days, 30 days and a few single days adds up', async () => {
    const today = toLocalDate(NOW.getTime(), 'Asia/Shanghai');
    const all = await expectFiguresAddUp(api, { from: addDays(today, -119), to: today });
    expect(all.totals.refunds).toBeGreaterThan(5);
    expect(all.totals.rejections).toBeGreaterThan(0);
    expect(all.totals.slaBreaches + all.totals.stillOpen).toBeGreaterThan(0);
    await expectFiguresAddUp(api, { from: addDays(today, -29), to: today });
    for (const back of [1, 7, 45]) await expectFiguresAddUp(api, { from: addDays(today, -back), to: addDays(today, -back) });
  }, 120_000);
});
