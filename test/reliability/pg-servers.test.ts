import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePlatform, waitFor, type FakePlatform } from '../support/fake-platform-process';
import { DEFAULT_FAKE_SETTINGS } from '../support/fake-settings';
import { createStaff, type TestWorld } from '../support/test-db';
import { worldWithPlans } from '../support/world';
import { orderWithMember, quotedCase } from '../api/cases-support';
import { httpApi, signIn } from './support/http-api';
import { startServer, type RunningServer } from './support/server-process';

// Stateless servers on PostgreSQL (docs/deployment.md § Several servers; run by `npm run test:pg`):
// two real console processes on one database, the fake platform (a third process) as their
// gateway, which loses half of its answers after paying. Every approval is sent to both servers
// at once under two keys, and both servers' reconcilers settle the lost answers side by side.
// What a member and the finance team rely on: each case refunded once, each order paid back
// once at the gateway, each refund settled once in the console.

const GATEWAY_SECRET = 'gw-secret-pg';
const MESSAGE_SECRET = 'msg-secret-pg';
const CASES = 20;

let world: TestWorld;
let fake: FakePlatform;
let servers: RunningServer[] = [];

beforeAll(async () => {
  const now = new Date();
  world = await worldWithPlans(now.toISOString());
  if (!world.databaseUrl) throw new Error('run with the PostgreSQL config: npm run test:pg');
  fake = await startFakePlatform({ gatewaySecret: GATEWAY_SECRET, messageSecret: MESSAGE_SECRET });
  await fake.control({ ...DEFAULT_FAKE_SETTINGS, loseRate: 0.5, notify: false });
  const env = {
    DATABASE_URL: world.databaseUrl,
    PAYMENT_GATEWAY_URL: fake.url,
    PAYMENT_GATEWAY_SECRET: GATEWAY_SECRET,
    MESSAGE_SENDER_URL: fake.url,
    MESSAGE_SENDER_SECRET: MESSAGE_SECRET,
    OUTBOUND_RETRIES: '0',
    OUTBOUND_BREAKER_FAILURES: '1000', // this test is about claims, not the breaker
    RECONCILE_EVERY_MS: '200',
    RECONCILE_AFTER_MS: '0',
    OUTBOX_RETRY_BASE_MS: '200',
  };
  servers = await Promise.all(['a', 'b'].map((name) => startServer(join(world.dir, `${name}.db`), env)));
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await fake?.stop();
  await world?.cleanup();
});

describe('two console servers on one PostgreSQL database', () => {
  it('pays each of 20 refunds once when every approval races on both servers', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const paidAt = new Date(Date.now() - 86_400_000).toISOString();
    const cases: { caseNo: string; quoteId: number; orderNo: string }[] = [];
    for (let i = 0; i < CASES; i++) {
      const { order } = await orderWithMember(world, { plan_code: 'std_month', paid_at: paidAt });
      const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
      cases.push({ caseNo, quoteId: quote.quoteId, orderNo: order.order_no });
    }
    const apis = await Promise.all(servers.map(async (s) => httpApi(s.url, await signIn(s.url, agent.username, agent.password))));

    const answers = await Promise.all(
      cases.flatMap((c, i) =>
        apis.map((api, s) =>
          api.mutate('cases.approve', { caseNo: c.caseNo, quoteId: c.quoteId, idempotencyKey: `race-${i}-server-${s}` }),
        ),
      ),
    );
    // each case approved on one server; the other answers that it is already approved (or busy), never 500
    for (let i = 0; i < CASES; i++) {
      const pair = answers.slice(i * 2, i * 2 + 2).map((a) => a.status);
      expect(pair.filter((s) => s === 200)).toHaveLength(1);
      expect(pair.every((s) => s === 200 || s === 409 || s === 503)).toBe(true);
    }

    // the lost answers are settled by the reconcilers of both servers
    const refunds = await waitFor(
      'every refund settled',
      () => db.selectFrom('refunds').select(['id', 'order_no', 'status', 'idempotency_key', 'reconcile_claimed_until']).execute(),
      (rows) => rows.length === CASES && rows.every((r) => r.status === 'succeeded' && r.reconcile_claimed_until === null),
      90_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nserver output:\n${servers.map((s) => s.output().slice(-3000)).join('\n---\n')}`);
    });
    expect(new Set(refunds.map((r) => r.order_no)).size).toBe(CASES);
    const orders = await db.selectFrom('orders').select(['paid_fen', 'refunded_fen', 'status']).execute();
    expect(orders.every((o) => o.refunded_fen === o.paid_fen && o.status === 'refunded')).toBe(true);
    const settled = await db.selectFrom('audit_events').select('entity_id').where('action', '=', 'refund.succeed').execute();
    expect(settled.map((e) => e.entity_id).sort()).toEqual(refunds.map((r) => r.order_no).sort()); // one settlement per order

    // at the gateway: one key paid per order, once, and only the console's keys
    const paid = (await fake.state()).refunds.filter((r) => r.payments > 0);
    expect(paid.map((r) => r.key).sort()).toEqual(refunds.map((r) => r.idempotency_key).sort());
    expect(paid.every((r) => r.payments === 1)).toBe(true);
    expect(new Set(paid.map((r) => r.orderNo)).size).toBe(CASES);
  }, 150_000);

  it('honours a sign-out made on one server on the other within a second', async () => {
    const staff = await createStaff(world, { role: 'agent' });
    const [a, b] = servers as [RunningServer, RunningServer];
    const cookie = await signIn(a.url, staff.username, staff.password);
    const onA = httpApi(a.url, cookie);
    const onB = httpApi(b.url, cookie);
    expect((await onB.query('auth.me')).status).toBe(200); // server B now holds the session in memory

    expect((await onA.mutate('auth.logout', {})).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect((await onB.query('auth.me')).status).toBe(401);
  });
});
