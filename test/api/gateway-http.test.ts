import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { readBreakers } from '../../server/adapters/breaker';
import { createHttpGateway, type OutboundSettings } from '../../server/adapters/http-gateway';
import { createHttpSender } from '../../server/adapters/http-sender';
import type { PaymentGateway } from '../../server/adapters/payment-gateway';
import type { StaffIdentity } from '../../server/context';
import { reconcileRefunds } from '../../server/refunds/reconcile-refunds';
import { startFakePlatform, waitFor, type FakePlatform } from '../support/fake-platform-process';
import { DEFAULT_FAKE_SETTINGS } from '../support/fake-settings';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { worldWithPlans } from '../support/world';
import { auditActions, caseRow, orderRow, orderWithMember, quotedCase, refundsOf, unusedMonth } from './cases-support';

// Money and messages out over HTTP (docs/integration.md §2–§3): the console's HTTP gateway and
// message sender against the fake platform, started as its own process on a free port and
// reached over real HTTP only.

const GATEWAY_SECRET = 'gw-secret-api';
const MESSAGE_SECRET = 'msg-secret-api';
const SETTINGS: OutboundSettings = {
  timeouts: { connectMs: 2_000, answerMs: 10_000 },
  breaker: { failureThreshold: 3, coolDownMs: 60_000 },
  retries: 2,
  retryBackoffMs: 20,
};

let fake: FakePlatform;
let world: TestWorld;
let agent: StaffIdentity;
let seq = 0;

beforeAll(async () => {
  fake = await startFakePlatform({ gatewaySecret: GATEWAY_SECRET, messageSecret: MESSAGE_SECRET });
}, 120_000);
afterAll(async () => {
  await fake?.stop();
});
beforeEach(async () => {
  await fake.control(DEFAULT_FAKE_SETTINGS);
  world = await worldWithPlans();
  agent = await createStaff(world, { role: 'agent' });
  world.deps.gateway = httpGateway();
});
afterEach(async () => {
  await world.cleanup();
});

function httpGateway(overrides: { secret?: string; settings?: Partial<OutboundSettings> } = {}): PaymentGateway {
  return createHttpGateway({
    url: fake.url,
    secret: overrides.secret ?? GATEWAY_SECRET,
    db: world.deps.db,
    settings: { ...SETTINGS, ...overrides.settings },
  });
}

/** A quoted case on a fresh, unused month paid by Alipay: a full refund of ¥25.00. */
async function approvable() {
  const { order } = await orderWithMember(world, unusedMonth);
  const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
  const key = `gw-api-${process.pid}-${Date.now().toString(36)}-${++seq}`;
  return {
    orderNo: order.order_no,
    caseNo,
    quote,
    key,
    approve: () => callerFor(world, agent).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: key }),
  };
}

const paidAtGateway = async (key: string) => (await fake.state()).refunds.filter((r) => r.key === key);

describe('a refund through the HTTP payment gateway', () => {
  it('is paid exactly once: approve → succeeded, one payment under the key, the lookup reads it, a replay asks nothing', async () => {
    const c = await approvable();
    const answer = await c.approve();
    expect(answer).toMatchObject({ status: 'refunded', refund: { status: 'succeeded', amountFen: 2500 } });
    const [refund] = await refundsOf(world.deps.db, c.orderNo);
    expect(refund).toMatchObject({ status: 'succeeded', idempotency_key: c.key });
    expect(await orderRow(world.deps.db, c.orderNo)).toMatchObject({ status: 'refunded', refunded_fen: 2500 });

    const [atGateway] = await paidAtGateway(c.key);
    expect(atGateway).toMatchObject({ orderNo: c.orderNo, amountFen: 2500, channel: 'alipay', payments: 1, requests: 1 });
    expect(atGateway!.outcome).toEqual({ status: 'succeeded', gatewayRef: refund!.gateway_ref });

    expect(await world.deps.gateway.lookup(c.key)).toEqual({ status: 'succeeded', gatewayRef: refund!.gateway_ref });
    expect(await world.deps.gateway.lookup(`${c.key}-never-asked`)).toBeNull();

    expect(await c.approve()).toEqual(answer); // a double click after the answer: the same answer
    expect((await fake.state()).attempts[c.key]).toBe(1);
  });

  it('retries a 503 under the same Idempotency-Key, and the money moves once', async () => {
    await fake.control({ failNext: 2 });
    const c = await approvable();
    expect(await c.approve()).toMatchObject({ refund: { status: 'succeeded' } });
    const state = await fake.state();
    expect(state.attempts[c.key]).toBe(3); // two 503s, then the answer: all under the one key
    expect(state.refunds.filter((r) => r.key === c.key)).toMatchObject([{ payments: 1 }]);
  });

  it('a declined refund is failed and sends the case back to review; nothing is paid', async () => {
    await fake.control({ declineRate: 1 });
    const c = await approvable();
    expect(await c.approve()).toMatchObject({ status: 'in_review', refund: { status: 'failed' } });
    expect(await orderRow(world.deps.db, c.orderNo)).toMatchObject({ status: 'paid', refunded_fen: 0 });
    expect(await paidAtGateway(c.key)).toMatchObject([{ payments: 0, outcome: { status: 'failed' } }]);
  });

  it('a lost answer leaves the refund pending; the reconciler’s lookup settles it, paid once', async () => {
    await fake.control({ loseRate: 1 });
    const c = await approvable();
    expect(await c.approve()).toMatchObject({ status: 'approved', refund: { status: 'pending' } });
    await fake.control({ loseRate: 0 });
    expect(await reconcileRefunds(world.deps.db, world.deps.gateway, world.deps.now, 0)).toBe(1);
    expect(await refundsOf(world.deps.db, c.orderNo)).toMatchObject([{ status: 'succeeded' }]);
    expect((await caseRow(world.deps.db, c.caseNo)).status).toBe('refunded');
    const state = await fake.state();
    expect(state.attempts[c.key]).toBe(1); // found by lookup: not asked again
    expect(state.refunds.filter((r) => r.key === c.key)).toMatchObject([{ payments: 1 }]);
  });

  it('a request signed with the wrong secret is refused (401): nothing paid, the refund stays pending, the breaker says why', async () => {
    world.deps.gateway = httpGateway({ secret: 'not-the-gateway-secret' });
    const c = await approvable();
    expect(await c.approve()).toMatchObject({ refund: { status: 'pending' } });
    expect(await paidAtGateway(c.key)).toEqual([]);
    expect(await readBreakers(world.deps.db)).toMatchObject([
      { service: 'payment_gateway', state: 'closed', failures: 1, lastError: expect.stringContaining('signature') },
    ]);
    // the secret fixed, the reconciler pays it, once
    world.deps.gateway = httpGateway();
    expect(await reconcileRefunds(world.deps.db, world.deps.gateway, world.deps.now, 0)).toBe(1);
    expect(await paidAtGateway(c.key)).toMatchObject([{ payments: 1 }]);
    expect(await readBreakers(world.deps.db)).toMatchObject([{ state: 'closed', failures: 0 }]);
  });
});

describe('the circuit breaker', () => {
  it('opens after failures in a row: an approval then answers pending without calling the gateway; a trial call closes it', async () => {
    // a cool-down long enough that the third approval meets the breaker still open on a busy
    // machine (at 500 ms a slow approval let a trial call through)
    world.deps.gateway = httpGateway({ settings: { retries: 0, breaker: { failureThreshold: 2, coolDownMs: 5_000 } } });
    await fake.control({ failureRate: 1 });
    const first = [await approvable(), await approvable()];
    for (const c of first) expect(await c.approve()).toMatchObject({ refund: { status: 'pending' } });
    expect(await readBreakers(world.deps.db)).toMatchObject([{ service: 'payment_gateway', state: 'open', failures: 2 }]);

    const third = await approvable();
    expect(await third.approve()).toMatchObject({ status: 'approved', refund: { status: 'pending' } });
    expect((await fake.state()).attempts[third.key]).toBeUndefined(); // not asked: the breaker answered

    await fake.control({ failureRate: 0 });
    // after the cool-down the reconciler's first call is the trial; it succeeds and everything is paid
    await waitFor(
      'the reconciler to pay the three refunds once the breaker lets a trial through',
      async () => {
        await reconcileRefunds(world.deps.db, world.deps.gateway, world.deps.now, 0);
        return world.deps.db.selectFrom('refunds').select(['idempotency_key', 'status']).execute();
      },
      (rows) => rows.length === 3 && rows.every((r) => r.status === 'succeeded'),
    );
    const state = await fake.state();
    for (const c of [...first, third]) expect(state.refunds.filter((r) => r.key === c.key)).toMatchObject([{ payments: 1 }]);
    expect(await readBreakers(world.deps.db)).toMatchObject([{ state: 'closed', failures: 0, openedAt: null }]);
    const actions = await auditActions(world.deps.db);
    expect(actions.filter((a) => a === 'integration.breaker_opened')).toHaveLength(1);
    expect(actions.filter((a) => a === 'integration.breaker_closed')).toHaveLength(1);
  });
});

describe('messages through the HTTP message service', () => {
  it('sends with messageId as the Idempotency-Key: a message sent twice reaches the member once; a wrong secret is refused', async () => {
    const sender = createHttpSender({ url: fake.url, secret: MESSAGE_SECRET, db: world.deps.db, settings: SETTINGS });
    const message = {
      dedupeKey: `msg-api-${process.pid}-${++seq}`,
      memberUid: 'u-1',
      channel: 'in_app_message' as const,
      body: '退款已到账',
    };
    expect(await sender.send(message)).toEqual({ providerRef: `FKMSG-${message.dedupeKey}` });
    await sender.send(message);
    const [atService] = (await fake.state()).messages.filter((m) => m.messageId === message.dedupeKey);
    expect(atService).toMatchObject({ channel: 'in_app', memberUid: 'u-1', requests: 2, deliveries: 1 });

    const wrong = createHttpSender({ url: fake.url, secret: 'wrong', db: world.deps.db, settings: SETTINGS });
    await expect(wrong.send({ ...message, dedupeKey: `${message.dedupeKey}-2` })).rejects.toThrow(/signature/);
    expect((await fake.state()).messages.filter((m) => m.messageId === `${message.dedupeKey}-2`)).toEqual([]);
    expect(await readBreakers(world.deps.db)).toMatchObject([{ service: 'message_service', failures: 1 }]);
  });
});
