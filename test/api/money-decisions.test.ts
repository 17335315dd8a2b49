// Issue 14: the money promises that broke off the happy path. Each describe names the defect it
// covers; each test failed on the code before the fix (stale quotes paid, four eyes walked
// around, goodwill on a chargeback, a duplicate charge's refund cancelling the member's
// subscription, the 7-day window measured at quoting time, SLA breaches counted at closing).
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/refund';
import { reconcileRefunds } from '../../server/refunds/reconcile-refunds';
import { insertUsage } from '../support/factories';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import {
  approveQuote,
  caseRow,
  codeOf,
  orderRow,
  orderWithMember,
  quotedCase,
  refundsOf,
  subscriptionStatus,
  unusedMonth,
  usedYear,
} from './cases-support';
import { worldWithPlansEachTest } from '../support/world';

let world: TestWorld;
// Friday 2026-11-20, 12:00 in Shanghai
worldWithPlansEachTest('2026-11-20T04:00:00.000Z', (w) => (world = w));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const { version: _v, ...defaults } = DEFAULT_POLICY;

async function staff() {
  return {
    agent: await createStaff(world, { role: 'agent' }),
    superA: await createStaff(world, { role: 'supervisor' }),
    superB: await createStaff(world, { role: 'supervisor' }),
    admin: await createStaff(world, { role: 'admin' }),
  };
}

/** The CONFLICT's code and the staleness it names. */
async function staleness(p: Promise<unknown>) {
  try {
    await p;
    return 'OK';
  } catch (e) {
    const err = e as { code?: string; cause?: { details?: { stale?: string } } };
    return `${err.code}:${err.cause?.details?.stale ?? '-'}`;
  }
}

describe('defect 1: a stale quote is never paid', () => {
  it('refuses a quote made under policy v1 once v2 is published, pays nothing, and pays the recomputed quote', async () => {
    const { agent, admin } = await staff();
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    await callerFor(world, admin).policy.publish({ settings: { ...defaults, fullRefundWindowDays: 14 }, note: '第二版', baseVersion: 1 });

    expect(await staleness(approveQuote(world, agent, caseNo, quote, 'key-stale-policy-0000'))).toBe('CONFLICT:policy_changed');
    expect(await refundsOf(world.deps.db, order.order_no)).toEqual([]);
    expect((await caseRow(world.deps.db, caseNo)).status).toBe('in_review');

    const fresh = await callerFor(world, agent).cases.quote({ caseNo, basis: { kind: 'calendar' } });
    await expect(
      callerFor(world, agent).cases.approve({ caseNo, quoteId: fresh.quoteId, idempotencyKey: 'key-fresh-policy-0000' }),
    ).resolves.toMatchObject({ status: 'refunded' });
  });

  it('refuses a full_unused quote after the member redeemed a perk, and one after the member activated', async () => {
    const { agent } = await staff();
    const used = await orderWithMember(world, unusedMonth);
    const a = await quotedCase(world, agent, used.order.order_no);
    expect(a.quote).toMatchObject({ outcome: 'full', reasonCode: 'full_unused' });
    await insertUsage(world.deps.db, used.order.order_no, [{ at: '2026-11-20T03:00:00.000Z', kind: 'perk_redemption', valueFen: 500 }]);
    expect(
      await staleness(
        callerFor(world, agent).cases.approve({ caseNo: a.caseNo, quoteId: a.quote.quoteId, idempotencyKey: 'key-perk-0000' }),
      ),
    ).toBe('CONFLICT:usage_changed');

    const activated = await orderWithMember(world, unusedMonth);
    const b = await quotedCase(world, agent, activated.order.order_no);
    await world.deps.db
      .updateTable('entitlements')
      .set({ activated_at: '2026-11-20T03:30:00.000Z' })
      .where('order_no', '=', activated.order.order_no)
      .execute();
    expect(
      await staleness(
        callerFor(world, agent).cases.approve({ caseNo: b.caseNo, quoteId: b.quote.quoteId, idempotencyKey: 'key-activated-0000' }),
      ),
    ).toBe('CONFLICT:facts_changed');
    expect(await refundsOf(world.deps.db, used.order.order_no)).toEqual([]);
    expect(await refundsOf(world.deps.db, activated.order.order_no)).toEqual([]);
  });

  it('refuses an older quote of the case once a newer quote on the same basis says less', async () => {
    const { agent, superA } = await staff();
    const { order } = await orderWithMember(world, usedYear);
    const { caseNo, quote: older } = await quotedCase(world, agent, order.order_no);
    world.clock.advance(2 * DAY);
    const newer = await callerFor(world, agent).cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(newer.amountFen).toBeLessThan(older.amountFen);
    await callerFor(world, agent).cases.propose({ caseNo, quoteId: newer.quoteId, note: '按自然日核算' });
    // the older one is not the proposal, and it is superseded anyway
    expect(await codeOf(callerFor(world, superA).cases.approve({ caseNo, quoteId: older.quoteId, idempotencyKey: 'key-older-0000' }))).toBe(
      'CONFLICT',
    );
    await expect(
      callerFor(world, superA).cases.approve({ caseNo, quoteId: newer.quoteId, idempotencyKey: 'key-newer-0000' }),
    ).resolves.toMatchObject({
      refund: { amountFen: newer.amountFen },
    });
  });

  it('refuses a quote older than the policy’s quoteValidHours (72 by default)', async () => {
    const { agent } = await staff();
    const { order } = await orderWithMember(world, { ...unusedMonth, paid_at: '2026-11-19T02:00:00.000Z' });
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    world.clock.advance(72 * HOUR + 60_000);
    expect(await staleness(approveQuote(world, agent, caseNo, quote, 'key-old-0000'))).toBe('CONFLICT:expired');
  });

  it('shows the verdict on the case page and in the approvals queue, so a checker sends a stale proposal back', async () => {
    const { agent, superA, admin } = await staff();
    const { order } = await orderWithMember(world, usedYear);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    await callerFor(world, agent).cases.propose({ caseNo, quoteId: quote.quoteId, note: '按自然日核算' });
    const current = await callerFor(world, superA).cases.get({ caseNo });
    expect(current.quotes.find((q) => q.quoteId === quote.quoteId)?.stale).toBeNull();
    await callerFor(world, admin).policy.publish({
      settings: { ...defaults, agentApprovalLimitFen: 20000 },
      note: '提高额度',
      baseVersion: 1,
    });

    const page = await callerFor(world, superA).cases.get({ caseNo });
    expect(page.quotes.find((q) => q.quoteId === quote.quoteId)?.stale).toMatchObject({ code: 'policy_changed' });
    const queue = await callerFor(world, superA).cases.list({ status: 'pending_approval' });
    expect(queue.items.find((c) => c.caseNo === caseNo)?.proposalStale).toBe('policy_changed');
    await callerFor(world, superA).cases.sendBack({ caseNo, note: '政策已更新，请重新核算' });
    expect((await caseRow(world.deps.db, caseNo)).status).toBe('in_review');
  });
});

describe('defect 2: four eyes cannot be walked around', () => {
  it('a supervisor who proposed, then sent the case back, never approves the same quote alone', async () => {
    const { agent, superA, superB } = await staff();
    const { order } = await orderWithMember(world, usedYear);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    await callerFor(world, superA).cases.propose({ caseNo, quoteId: quote.quoteId, note: '年卡按天折算' });
    await callerFor(world, superA).cases.sendBack({ caseNo, note: '我再看看' });
    expect(await codeOf(approveQuote(world, superA, caseNo, quote, 'key-self-1-0000'))).toBe('FORBIDDEN');
    expect(await refundsOf(world.deps.db, order.order_no)).toEqual([]);
    await expect(approveQuote(world, superB, caseNo, quote, 'key-other-1-0000')).resolves.toMatchObject({ status: 'refunded' });
  });

  it('a supervisor’s goodwill replaces an agent’s proposal with the supervisor as maker; only another supervisor approves it', async () => {
    const { agent, superA, superB } = await staff();
    const { order } = await orderWithMember(world, usedYear);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    await callerFor(world, agent).cases.propose({ caseNo, quoteId: quote.quoteId, note: '年卡按天折算' });
    const goodwill = await callerFor(world, superA).cases.goodwill({ caseNo, amountFen: 20000, reason: '会员长期忠实用户，主管特批退款' });
    const kase = await caseRow(world.deps.db, caseNo);
    expect(kase).toMatchObject({ status: 'pending_approval', proposed_by: superA.id });

    expect(
      await codeOf(callerFor(world, superA).cases.approve({ caseNo, quoteId: goodwill.quoteId, idempotencyKey: 'key-gw-self-0000' })),
    ).toBe('FORBIDDEN');
    // the agent's old proposal is no longer the one waiting
    expect(await codeOf(approveQuote(world, superB, caseNo, quote, 'key-gw-old-0000'))).toBe('CONFLICT');
    expect(await refundsOf(world.deps.db, order.order_no)).toEqual([]);
    await expect(
      callerFor(world, superB).cases.approve({ caseNo, quoteId: goodwill.quoteId, idempotencyKey: 'key-gw-other-0000' }),
    ).resolves.toMatchObject({
      refund: { amountFen: 20000 },
    });
  });

  it('the maker of a supervisor-needing quote never checks it, even without proposing', async () => {
    const { superA, superB } = await staff();
    const { order } = await orderWithMember(world, usedYear);
    const { caseNo, quote } = await quotedCase(world, superA, order.order_no);
    expect(quote.needsSupervisor).toBe(true);
    expect(await codeOf(approveQuote(world, superA, caseNo, quote, 'key-maker-0000'))).toBe('FORBIDDEN');
    await expect(approveQuote(world, superB, caseNo, quote, 'key-checker-0000')).resolves.toMatchObject({ status: 'refunded' });
  });
});

describe('defect 3: goodwill never pays an order that is unpaid, charged back, on hold, or has nothing left', () => {
  it('refuses goodwill on chargeback and risk-hold orders and writes no quote', async () => {
    const { agent, superA } = await staff();
    for (const anomaly of ['chargeback', 'risk_hold'] as const) {
      const { order } = await orderWithMember(world, { ...unusedMonth, anomaly });
      const { caseNo } = await quotedCase(world, agent, order.order_no);
      const quotes = (await callerFor(world, superA).cases.get({ caseNo })).quotes.length;
      expect(
        await codeOf(callerFor(world, superA).cases.goodwill({ caseNo, amountFen: 2500, reason: '会员强烈要求退款，已多次来电' })),
      ).toBe('PRECONDITION_FAILED');
      expect((await callerFor(world, superA).cases.get({ caseNo })).quotes).toHaveLength(quotes);
    }
  });

  it('refuses goodwill beyond paid − refunded − in flight', async () => {
    const { agent, superA } = await staff();
    const { order } = await orderWithMember(world, { ...unusedMonth, paid_fen: 2500, refunded_fen: 2000, status: 'partially_refunded' });
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    expect(await codeOf(callerFor(world, superA).cases.goodwill({ caseNo, amountFen: 501, reason: '多退一点以示歉意，主管特批' }))).toBe(
      'PRECONDITION_FAILED',
    );
    await expect(
      callerFor(world, superA).cases.goodwill({ caseNo, amountFen: 500, reason: '退完剩余金额，主管特批同意' }),
    ).resolves.toMatchObject({ reasonCode: 'goodwill' });
  });
});

describe('defect 4: refunding a duplicate charge leaves the member’s subscription alone', () => {
  it('pays the duplicate back and keeps the surviving order’s auto-renew active', async () => {
    const { agent } = await staff();
    const { member, order } = await orderWithMember(
      world,
      { ...unusedMonth, plan_code: 'auto_month', anomaly: 'duplicate_charge' },
      { autoRenew: true },
    );
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    expect(quote).toMatchObject({ reasonCode: 'duplicate_charge' });
    await approveQuote(world, agent, caseNo, quote, 'key-dup-0000');
    expect((await orderRow(world.deps.db, order.order_no)).status).toBe('refunded');
    expect(await subscriptionStatus(world.deps.db, member.uid)).toBe('active');
  });
});

describe('defect 5: the 7-day window is measured when the member applied', () => {
  it('gives a member who applied on day 6 the full refund though review took until day 9', async () => {
    const { agent } = await staff();
    const paidAt = '2026-11-14T02:00:00.000Z';
    const { order } = await orderWithMember(world, { plan_code: 'std_month', paid_at: paidAt });
    // the clock is day 6 after payment: the member applies now; review finishes on day 9
    const { caseNo } = await callerFor(world, agent).cases.create({
      orderNo: order.order_no,
      channel: 'app',
      reason: 'unused',
      requested: 'full',
      statement: '没用过',
    });
    world.clock.advance(3 * DAY);
    const quote = await callerFor(world, agent).cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(quote).toMatchObject({ outcome: 'full', reasonCode: 'full_unused', amountFen: order.paid_fen });
  });

  it('takes an earlier first contact as the application time, never before payment nor after now', async () => {
    const { agent } = await staff();
    const { order } = await orderWithMember(world, { plan_code: 'std_month', paid_at: '2026-11-10T02:00:00.000Z' });
    const api = callerFor(world, agent);
    const base = {
      orderNo: order.order_no,
      channel: 'phone' as const,
      reason: 'unused' as const,
      requested: 'full' as const,
      statement: '电话里说过没用过',
    };
    expect(await codeOf(api.cases.create({ ...base, appliedAt: '2026-11-09T02:00:00.000Z' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.cases.create({ ...base, appliedAt: '2026-11-21T02:00:00.000Z' }))).toBe('BAD_REQUEST');
    expect((await orderRow(world.deps.db, order.order_no)).open_case_no).toBeNull();
    // day 10 now; the member first called on day 5
    const { caseNo } = await api.cases.create({ ...base, appliedAt: '2026-11-15T02:00:00.000Z' });
    await expect(api.cases.quote({ caseNo, basis: { kind: 'calendar' } })).resolves.toMatchObject({ reasonCode: 'full_unused' });
  });
});

describe('defect 6: the SLA is met by the first decision, not the closing', () => {
  it('does not count a bank-card refund approved on time and settled after the due time as a breach', async () => {
    const { agent } = await staff();
    const { order } = await orderWithMember(world, { ...unusedMonth, payment_channel: 'bank_card' });
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    await approveQuote(world, agent, caseNo, quote, 'key-bank-0000');
    expect((await refundsOf(world.deps.db, order.order_no))[0]?.status).toBe('pending');
    world.clock.advance(10 * DAY); // the bank confirms long after the 3-working-day SLA
    await reconcileRefunds(world.deps.db, world.gateway, () => world.clock.now, 0);
    expect((await caseRow(world.deps.db, caseNo)).status).toBe('refunded');

    const supervisor = await createStaff(world, { role: 'supervisor' });
    const api = callerFor(world, supervisor);
    const range = { from: '2026-11-20', to: '2026-11-20' };
    expect((await api.dashboard.summary(range)).totals.slaBreaches).toBe(0);
    expect((await api.cases.list({ slaBreached: true, withTotal: true })).total).toBe(0);
  });

  it('counts a case first decided after its due time, and a reopening starts a new cycle', async () => {
    const { agent } = await staff();
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    world.clock.advance(10 * DAY);
    await callerFor(world, agent).cases.reject({ caseNo, reasonCode: 'insufficient_evidence', message: '材料不足' });
    const supervisor = await createStaff(world, { role: 'supervisor' });
    expect((await callerFor(world, supervisor).cases.list({ slaBreached: true, withTotal: true })).total).toBe(1);
    await callerFor(world, agent).cases.reopen({ caseNo, note: '会员补充了材料' });
    expect((await callerFor(world, supervisor).cases.list({ slaBreached: true, withTotal: true })).total).toBe(0);
  });
});
