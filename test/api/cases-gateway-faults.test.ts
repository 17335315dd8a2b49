import { describe, expect, it } from 'vitest';
import type { PaymentGateway } from '../../server/adapters/payment-gateway';
import { createSimulatedGateway } from '../../server/adapters/simulated-gateway';
import { DATABASE_BUSY_MESSAGE } from '../../server/db/db-errors';
import { DomainError } from '../../server/errors';
import { deliverOutbox } from '../../server/comms/deliver-outbox';
import { reconcileRefunds } from '../../server/refunds/reconcile-refunds';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import {
  agentQuotedCase,
  approveQuote,
  caseRow,
  countRows,
  openCase,
  orderRow,
  orderWithMember,
  quotedCase,
  refundsOf,
  revokedAt,
  subscriptionStatus,
  unusedMonth,
} from './cases-support';
import { worldWithPlansEachTest } from '../support/world';

let world: TestWorld;
worldWithPlansEachTest('2026-11-20T04:00:00.000Z', (w) => (world = w));

/**
 * A simulated gateway answering as scripted, that counts its calls and notes, at the moment
 * each refund request leaves, whether any auto-renew of the member is still active.
 */
function scriptedGateway(script: ('decline' | 'timeout' | 'ok')[]) {
  const inner = createSimulatedGateway({ latencyMs: 0, failureRate: 0, timeoutRate: 0, random: () => 0.5, script });
  const seen = { refunds: 0, lookups: 0, activeAutoRenewAtRefund: [] as number[] };
  const gateway: PaymentGateway = {
    async refund(req) {
      seen.refunds++;
      // what is committed when the request leaves (the approval's transaction has ended)
      const active = await world.deps.db
        .selectFrom('subscriptions as s')
        .innerJoin('orders as o', (join) => join.onRef('o.member_uid', '=', 's.member_uid').onRef('o.plan_code', '=', 's.plan_code'))
        .select('s.id')
        .where('o.order_no', '=', req.orderNo)
        .where('s.status', '=', 'active')
        .execute();
      seen.activeAutoRenewAtRefund.push(active.length);
      return inner.refund(req);
    },
    async lookup(key) {
      seen.lookups++;
      return inner.lookup(key);
    },
  };
  world.deps.gateway = gateway;
  return { inner, seen };
}

describe('when the payment gateway declines', () => {
  it('marks the refund failed, sends the case back to review, keeps the membership and lets a new key pay it', async () => {
    const db = world.deps.db;
    const { seen } = scriptedGateway(['decline', 'ok']);
    const { agent, order, caseNo, quote } = await agentQuotedCase(world, unusedMonth);
    const api = callerFor(world, agent);

    const declined = await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'decline-first-1' });

    expect(declined).toMatchObject({ status: 'in_review', refund: { amountFen: 2500, status: 'failed' } });
    const [failed] = await refundsOf(db, order.order_no);
    expect(failed).toMatchObject({ status: 'failed', amount_fen: 2500 });
    expect((await caseRow(db, caseNo)).status).toBe('in_review');
    expect(await revokedAt(db, order.order_no)).toBeNull();
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 0, status: 'paid', open_case_no: caseNo });
    // the approval was told when it was made (spec §4.7); no arrival is told of a refund that did not happen
    const told = await db.selectFrom('outbox').select('dedupe_key').orderBy('id').execute();
    expect(told.map((m) => m.dedupe_key)).toEqual([
      `${caseNo}:approve-${failed?.id}:in_app_message`,
      `${caseNo}:approve-${failed?.id}:sms`,
    ]);

    // the same key keeps its answer; a new key pays the same amount
    await expect(api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'decline-first-1' })).resolves.toEqual(declined);
    const paid = await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'decline-retry-2' });

    expect(paid).toMatchObject({ status: 'refunded', refund: { amountFen: 2500, status: 'succeeded' } });
    expect((await refundsOf(db, order.order_no)).map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 2500, status: 'refunded' });
    expect(await revokedAt(db, order.order_no)).not.toBeNull();
    expect(seen.refunds).toBe(2);
  });
});

describe('when the gateway’s answer is lost (timeout)', () => {
  it('leaves the refund pending with the membership intact, then the reconciler settles it exactly once from the gateway’s record', async () => {
    const db = world.deps.db;
    const { seen, inner } = scriptedGateway(['timeout']);
    const { agent, order, caseNo, quote } = await agentQuotedCase(world, unusedMonth);

    const answer = await approveQuote(world, agent, caseNo, quote, 'lost-answer-01');

    expect(answer).toMatchObject({ status: 'approved', refund: { amountFen: 2500, status: 'pending' } });
    expect((await refundsOf(db, order.order_no))[0]).toMatchObject({ status: 'pending', gateway_ref: null });
    expect(await revokedAt(db, order.order_no)).toBeNull();
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 0, status: 'paid' });
    // the provider did pay: only the answer was lost
    expect(inner.paid.get('lost-answer-01')).toMatchObject({ status: 'succeeded' });

    // too young for the reconciler: the approval may still be answering
    expect(await reconcileRefunds(db, world.deps.gateway, world.deps.now)).toBe(0);
    world.clock.advance(60_000);
    expect(await reconcileRefunds(db, world.deps.gateway, world.deps.now)).toBe(1);
    expect(await reconcileRefunds(db, world.deps.gateway, world.deps.now)).toBe(0);

    const refunds = await refundsOf(db, order.order_no);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      status: 'succeeded',
      gateway_ref: (inner.paid.get('lost-answer-01') as { gatewayRef: string }).gatewayRef,
    });
    expect(seen.refunds).toBe(1); // asked once, looked up once: never sent again
    expect(seen.lookups).toBe(1);
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 2500, status: 'refunded', open_case_no: null });
    expect(await revokedAt(db, order.order_no)).toBe(world.clock.now.toISOString());
    expect((await caseRow(db, caseNo)).status).toBe('refunded');
    const decisions = await callerFor(world, agent).cases.get({ caseNo });
    expect(decisions.decisions.map((d) => d.action)).toEqual(['approve', 'payment_succeeded']);
    const settledBy = await db
      .selectFrom('audit_events')
      .select(['actor_username'])
      .where('action', '=', 'refund.succeed')
      .executeTakeFirstOrThrow();
    expect(settledBy.actor_username).toBe('system');
  });

  it('lets agents’ requests through between two refunds it settles, even when the gateway answers at once', async () => {
    const db = world.deps.db;
    const { seen } = scriptedGateway(['timeout', 'timeout', 'timeout']);
    const agent = await createStaff(world, { role: 'agent' });
    for (const key of ['yield-0001', 'yield-0002', 'yield-0003']) {
      const { order } = await orderWithMember(world, unusedMonth);
      const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
      await approveQuote(world, agent, caseNo, quote, key);
    }
    world.clock.advance(60_000);
    const reconciling = reconcileRefunds(db, world.deps.gateway, world.deps.now);
    // An HTTP request waiting meanwhile is served at the next turn of the event loop.
    const lookupsWhenARequestRuns = await new Promise<number>((resolve) => setImmediate(() => resolve(seen.lookups)));
    expect(await reconciling).toBe(3);
    expect(lookupsWhenARequestRuns).toBeLessThan(3);
  });

  it('lets a retry with the same key learn the lost answer from the gateway, and settles it once', async () => {
    const db = world.deps.db;
    const { seen, inner } = scriptedGateway(['timeout']);
    const { agent, order, caseNo, quote } = await agentQuotedCase(world, unusedMonth);
    const api = callerFor(world, agent);
    const lost = await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'retry-after-lost' });
    expect(lost.refund.status).toBe('pending');

    const retried = await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'retry-after-lost' });

    expect(retried).toEqual({ status: 'refunded', refund: { refundId: lost.refund.refundId, amountFen: 2500, status: 'succeeded' } });
    expect(inner.paid.size).toBe(1);
    expect(seen.refunds).toBe(2); // the same key twice: the provider paid it once
    expect(await refundsOf(db, order.order_no)).toHaveLength(1);
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 2500, status: 'refunded' });
    world.clock.advance(60_000);
    expect(await reconcileRefunds(db, world.deps.gateway, world.deps.now)).toBe(0);
    expect((await orderRow(db, order.order_no)).refunded_fen).toBe(2500);
  });

  it('leaves the refund pending when the gateway adapter fails after the provider paid, and never pays it twice', async () => {
    // e.g. the HTTP gateway's breaker write after a paid answer, refused because the database is busy
    const db = world.deps.db;
    const { inner } = scriptedGateway(['ok']);
    const paying = world.deps.gateway;
    let failAfterPaying = true;
    world.deps.gateway = {
      async refund(req) {
        const outcome = await paying.refund(req);
        if (failAfterPaying) throw new DomainError('SERVICE_UNAVAILABLE', DATABASE_BUSY_MESSAGE);
        return outcome;
      },
      lookup: (key) => paying.lookup(key),
    };
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    const api = callerFor(world, agent);

    const answer = await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'paid-then-err1' });

    expect(answer).toMatchObject({ status: 'approved', refund: { amountFen: 2500, status: 'pending' } });
    expect(inner.paid.get('paid-then-err1')).toMatchObject({ status: 'succeeded' });
    // the amount stays reserved: a second approval under a new key cannot pay it again
    await expect(api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'paid-then-err2' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(inner.paid.size).toBe(1);

    failAfterPaying = false;
    world.clock.advance(60_000);
    expect(await reconcileRefunds(db, world.deps.gateway, world.deps.now)).toBe(1);
    expect((await refundsOf(db, order.order_no)).map((r) => r.status)).toEqual(['succeeded']);
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 2500, status: 'refunded' });
    expect((await caseRow(db, caseNo)).status).toBe('refunded');
    expect(inner.paid.size).toBe(1);
  });

  it('sends a declined lost answer back to review when the reconciler learns of it', async () => {
    const db = world.deps.db;
    const { inner } = scriptedGateway(['timeout']);
    const { agent, order, caseNo, quote } = await agentQuotedCase(world, unusedMonth);
    await approveQuote(world, agent, caseNo, quote, 'lost-decline-1');
    // what the provider later reports for that key: it declined
    inner.paid.set('lost-decline-1', { status: 'failed', reason: 'card closed' });

    world.clock.advance(60_000);
    expect(await reconcileRefunds(db, world.deps.gateway, world.deps.now)).toBe(1);

    expect((await refundsOf(db, order.order_no))[0]).toMatchObject({ status: 'failed' });
    expect((await caseRow(db, caseNo)).status).toBe('in_review');
    expect(await revokedAt(db, order.order_no)).toBeNull();
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 0, status: 'paid' });
  });
});

describe('each payment channel pays back its own way', () => {
  /** An agent approves an unused month paid through `channel`, the gateway counting its calls. */
  async function approvedOn(channel: 'bank_card' | 'bcoin', idempotencyKey: string) {
    const { seen } = scriptedGateway([]);
    const { agent, order, caseNo, quote } = await agentQuotedCase(world, { ...unusedMonth, payment_channel: channel });
    const answer = await approveQuote(world, agent, caseNo, quote, idempotencyKey);
    return { db: world.deps.db, seen, order, caseNo, answer };
  }

  it('keeps a bank-card refund pending, membership intact, until the reconciler confirms it', async () => {
    const { db, seen, order, caseNo, answer } = await approvedOn('bank_card', 'bank-card-001');

    expect(answer).toMatchObject({ status: 'approved', refund: { status: 'pending', amountFen: 2500 } });
    expect((await refundsOf(db, order.order_no))[0]!.gateway_ref).toMatch(/^GW/);
    expect(await revokedAt(db, order.order_no)).toBeNull();
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 0, status: 'paid', open_case_no: caseNo });

    world.clock.advance(60_000);
    expect(await reconcileRefunds(db, world.deps.gateway, world.deps.now)).toBe(1);

    expect((await refundsOf(db, order.order_no))[0]).toMatchObject({ status: 'succeeded' });
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 2500, status: 'refunded', open_case_no: null });
    expect(await revokedAt(db, order.order_no)).not.toBeNull();
    expect((await caseRow(db, caseNo)).status).toBe('refunded');
    expect(seen.refunds).toBe(1);
  });

  it('pays B-coin back at once without the gateway', async () => {
    const { db, seen, order, answer } = await approvedOn('bcoin', 'bcoin-pay-001');

    expect(answer).toMatchObject({ status: 'refunded', refund: { status: 'succeeded', amountFen: 2500 } });
    expect((await refundsOf(db, order.order_no))[0]!.gateway_ref).toMatch(/^BCOIN-/);
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 2500, status: 'refunded' });
    expect(await revokedAt(db, order.order_no)).not.toBeNull();
    expect(seen.refunds).toBe(0);
  });

  it('refuses to quote an App Store purchase with a clear message, and redirecting closes the case and tells the member', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const { order, member } = await orderWithMember(world, { ...unusedMonth, payment_channel: 'apple_iap', platform: 'app_ios' });
    const caseNo = await openCase(world, agent, order.order_no);
    const api = callerFor(world, agent);

    const refused = await api.cases.quote({ caseNo, basis: { kind: 'calendar' } }).catch((e: { code: string; message: string }) => e);
    expect(refused).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((refused as { message: string }).message).toMatch(/Apple/);
    expect((refused as { message: string }).message).toMatch(/redirect/i);
    expect(await countRows(db, 'quotes')).toBe(0);
    expect((await caseRow(db, caseNo)).status).toBe('new');

    await expect(api.cases.redirectToStore({ caseNo, note: '引导会员向 Apple 申请' })).resolves.toEqual({ status: 'closed' });

    expect((await caseRow(db, caseNo)).status).toBe('closed');
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 0, status: 'paid', open_case_no: null });
    expect(await refundsOf(db, order.order_no)).toEqual([]);
    await deliverOutbox(db, world.sender, world.deps.now);
    expect(world.sender.sent.map((m) => m.channel).sort()).toEqual(['in_app_message', 'sms']);
    for (const m of world.sender.sent) {
      expect(m.memberUid).toBe(member.uid);
      expect(m.body).toContain('Apple');
      expect(m.body).toContain(order.order_no);
    }
  });

  it('does not redirect an order that was not bought in the App Store', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const caseNo = await openCase(world, agent, order.order_no);

    await expect(callerFor(world, agent).cases.redirectToStore({ caseNo, note: '' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });

    expect((await caseRow(db, caseNo)).status).toBe('new');
    expect(await countRows(db, 'outbox')).toBe(0);
  });
});

describe('auto-renew and refunds', () => {
  /** a month on auto-renew, bought two days ago */
  const autoMonth = { plan_code: 'auto_month', paid_at: '2026-11-18T02:00:00.000Z' } as const;

  it.each([['ok'], ['timeout'], ['decline']] as const)(
    'cancels the member’s auto-renew before any refund request leaves (gateway answers %s)',
    async (outcome) => {
      const db = world.deps.db;
      const { seen } = scriptedGateway([outcome]);
      const { agent, member, caseNo, quote } = await agentQuotedCase(world, autoMonth, { autoRenew: true });
      expect(await subscriptionStatus(db, member.uid)).toBe('active');

      await callerFor(world, agent).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: `auto-renew-${outcome}` });

      expect(seen.refunds).toBe(1);
      expect(seen.activeAutoRenewAtRefund).toEqual([0]);
      const sub = await db.selectFrom('subscriptions').select(['status', 'cancelled_by', 'next_charge_at']).executeTakeFirstOrThrow();
      expect(sub).toEqual({ status: 'cancelled', cancelled_by: agent.username, next_charge_at: null });
      const cancel = await db.selectFrom('audit_events').select('reason').where('action', '=', 'subscription.cancel').execute();
      expect(cancel).toHaveLength(1);
    },
  );

  it('leaves auto-renew on when the approval is refused', async () => {
    const db = world.deps.db;
    scriptedGateway([]);
    const agent = await createStaff(world, { role: 'agent', approvalLimitFen: 1000 });
    const { order, member } = await orderWithMember(world, autoMonth, { autoRenew: true });
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);

    await expect(approveQuote(world, agent, caseNo, quote, 'over-limit-01')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    expect(await subscriptionStatus(db, member.uid)).toBe('active');
    expect(await refundsOf(db, order.order_no)).toEqual([]);
  });

  it.each(['ok', 'decline', 'timeout'] as const)(
    'keeps the surviving subscription when a duplicate charge is refunded (gateway answers %s), settled by the reconciler too',
    async (outcome) => {
      const db = world.deps.db;
      const { seen } = scriptedGateway([outcome]);
      const { agent, member, caseNo, quote } = await agentQuotedCase(
        world,
        { ...autoMonth, anomaly: 'duplicate_charge' },
        { autoRenew: true },
      );
      await callerFor(world, agent).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: `duplicate-${outcome}` });
      world.clock.advance(60_000);
      await reconcileRefunds(db, world.deps.gateway, world.deps.now, 0);

      expect(seen.activeAutoRenewAtRefund).toEqual([1]);
      expect(await subscriptionStatus(db, member.uid)).toBe('active');
      expect(await db.selectFrom('audit_events').select('id').where('action', '=', 'subscription.cancel').execute()).toEqual([]);
    },
  );
});
