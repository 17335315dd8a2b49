import { sql, type RawBuilder } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../bench/server-process';
import { startFakePlatform, waitFor, type FakePlatform } from '../support/fake-platform-process';
import { DEFAULT_FAKE_SETTINGS } from '../support/fake-settings';
import { httpApi, signIn, type HttpApi } from './support/http-api';
import { checkDatabase, emptyAcknowledged, type Acknowledged } from './support/invariants';
import { seededCopy } from './support/seeded-db';
import { seededTarget, type SeededTarget } from './support/seeded-target';
import { startServer, type RunningServer } from './support/server-process';

// Money and messages out over HTTP when the other side misbehaves (docs/integration.md §2–§4):
// the real server (child process) on a seeded database, the fake platform (another child process)
// as its payment gateway, message service and source of late answers. Each test changes the
// fake's behaviour at run time through /_control and waits on conditions, never on fixed sleeps.
// What must hold whatever happens: every refund paid exactly once at the gateway and recorded
// once in the console, every message delivered once.
// On both engines (seeded-target.ts): a SQLite file under `npm run test:reliability`, a
// PostgreSQL database (DATABASE_URL) under `npm run test:pg`; the test reads it through Kysely.

const GATEWAY_SECRET = 'gw-secret-rel';
const MESSAGE_SECRET = 'msg-secret-rel';
const INGEST_SECRET = 'ingest-secret-rel';
const MARKER = 'zgwrel';
const ANSWER_TIMEOUT_MS = 1_500;
// Long enough that the two approvals made while the breaker is open are both answered by it on a
// busy machine (at 1 s the cool-down ran out between them once and a trial call went through).
const COOL_DOWN_MS = 8_000;

let dir: string;
let target: SeededTarget;
let server: RunningServer;
let fake: FakePlatform;
let agent: HttpApi;
let supervisor: HttpApi;
let orders: string[];
const acked: Acknowledged = emptyAcknowledged();
let seq = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-gw-'));
  target = await seededTarget(dir, 'gw');
  const port = await freePort();
  fake = await startFakePlatform({
    gatewaySecret: GATEWAY_SECRET,
    messageSecret: MESSAGE_SECRET,
    console: { url: `http://127.0.0.1:${port}`, secret: INGEST_SECRET },
  });
  server = await startServer(target.dbPath, {
    ...target.env,
    PORT: String(port),
    INGEST_SECRET,
    PAYMENT_GATEWAY_URL: fake.url,
    PAYMENT_GATEWAY_SECRET: GATEWAY_SECRET,
    MESSAGE_SENDER_URL: fake.url,
    MESSAGE_SENDER_SECRET: MESSAGE_SECRET,
    OUTBOUND_ANSWER_TIMEOUT_MS: String(ANSWER_TIMEOUT_MS),
    OUTBOUND_RETRIES: '1',
    OUTBOUND_RETRY_BACKOFF_MS: '50',
    OUTBOUND_BREAKER_FAILURES: '3',
    OUTBOUND_BREAKER_COOL_DOWN_MS: String(COOL_DOWN_MS),
    RECONCILE_EVERY_MS: '500',
    RECONCILE_AFTER_MS: '0',
    OUTBOX_RETRY_BASE_MS: '500',
  });
  agent = httpApi(server.url, await signIn(server.url, 'agent1', 'agent1-demo'));
  supervisor = httpApi(server.url, await signIn(server.url, 'super1', 'super1-demo'));
  orders = (
    await query<{ order_no: string }>(
      sql`select o.order_no from orders o join plans p on p.code = o.plan_code
          where o.status = 'paid' and o.refunded_fen = 0 and o.open_case_no is null and o.anomaly is null
            and p.tier = 'standard' and o.payment_channel in ('alipay', 'wechat_pay') order by o.order_no`,
    )
  ).map((r) => r.order_no);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await fake?.stop();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await fake.control(DEFAULT_FAKE_SETTINGS);
  // A breaker left open by the previous test lets the next call through as its trial once the
  // cool-down is over; before that an approval would be answered "pending" at once.
  await waitFor(
    'the payment gateway breaker to be closed or past its cool-down',
    async () => (await breaker())[0],
    (b) => !b || b.state === 'closed' || Date.now() - Date.parse(b.updated_at) > COOL_DOWN_MS + 200,
  );
});

/** Rows from the server's database (a connection of the test's own; the server keeps writing). */
async function query<T>(statement: RawBuilder<unknown>): Promise<T[]> {
  return target.use(async (db) => (await statement.execute(db)).rows as T[]);
}

const breaker = () =>
  query<{ state: string; updated_at: string }>(sql`select state, updated_at from outbound_breakers where service = 'payment_gateway'`);

/** The refund.succeed audit events of a refund (matched on the refund id their `after` names). */
async function succeedEvents(refundId: number): Promise<{ actor_username: string }[]> {
  const events = await query<{ actor_username: string; after: string }>(
    sql`select actor_username, after from audit_events where action = 'refund.succeed'`,
  );
  return events.filter((e) => (JSON.parse(e.after) as { refundId: number }).refundId === refundId);
}

type Approved = { status: string; refund: { refundId: number; amountFen: number; status: string } };

/** An agent opens and quotes a case on a fresh order; a supervisor approves it under a new key. */
async function approveNew(): Promise<{
  key: string;
  orderNo: string;
  caseNo: string;
  ms: number;
  refund: Approved['refund'];
  caseStatus: string;
}> {
  const orderNo = orders.pop();
  if (!orderNo) throw new Error('the seeded database has no order left to refund');
  const opened = await agent.mutate<{ caseNo: string }>('cases.create', {
    orderNo,
    channel: 'phone',
    reason: 'mistaken_purchase',
    requested: 'full',
    statement: `${MARKER} 买错了`,
  });
  expect(opened.status, opened.text).toBe(200);
  const caseNo = opened.data!.caseNo;
  acked.cases.add(caseNo);
  const quoted = await agent.mutate<{ quoteId: number; amountFen: number }>('cases.quote', { caseNo, basis: { kind: 'calendar' } });
  expect(quoted.status, quoted.text).toBe(200);
  const { quoteId, amountFen } = quoted.data!;
  if (amountFen <= 0) {
    // used up: nothing to pay back, so it is rejected, and the next order taken
    const rejected = await agent.mutate('cases.reject', {
      caseNo,
      reasonCode: 'already_used',
      message: '您的会员已使用，按政策无可退金额',
    });
    expect(rejected.status, rejected.text).toBe(200);
    return approveNew();
  }
  const key = `${MARKER}-${Date.now().toString(36)}-${++seq}`;
  const started = Date.now();
  const answer = await supervisor.mutate<Approved>('cases.approve', { caseNo, quoteId, idempotencyKey: key });
  const ms = Date.now() - started;
  expect(answer.status, answer.text).toBe(200);
  const r = answer.data!.refund;
  acked.approvals.set(key, { refundId: r.refundId, amountFen: r.amountFen, status: r.status, caseNo, quoteId });
  return { key, orderNo, caseNo, ms, refund: r, caseStatus: answer.data!.status };
}

const refundsByKey = (keys: string[]) =>
  query<{ idempotency_key: string; status: string; amount_fen: number; id: number; order_no: string }>(
    sql`select id, idempotency_key, status, amount_fen, order_no from refunds where idempotency_key in (${sql.join(keys)})`,
  );

/** Waits until the refunds under `keys` have all succeeded in the console. */
const allSucceeded = (keys: string[], what: string) =>
  waitFor(
    what,
    () => refundsByKey(keys),
    (rows) => rows.length === keys.length && rows.every((r) => r.status === 'succeeded'),
  );

/** Each key paid once at the gateway, recorded once as succeeded in the console, the order refunded by its amount. */
async function expectPaidOnce(keys: string[]) {
  const state = await fake.state();
  for (const key of keys) {
    const atGateway = state.refunds.filter((r) => r.key === key);
    expect(atGateway, key).toMatchObject([{ payments: 1 }]);
    const [refund] = await refundsByKey([key]);
    expect(refund).toMatchObject({ status: 'succeeded', amount_fen: atGateway[0]!.amountFen });
    expect(await succeedEvents(refund!.id), `refund.succeed events for ${key}`).toHaveLength(1);
    const order = await query<{ refunded_fen: number }>(sql`select refunded_fen from orders where order_no = ${refund!.order_no}`);
    expect(order[0]!.refunded_fen).toBe(refund!.amount_fen);
  }
  expect(await target.use((db) => checkDatabase(db, MARKER, acked))).toEqual({});
}

const settledBy = async (key: string) => {
  const [refund] = await refundsByKey([key]);
  return refund && (await succeedEvents(refund.id))[0]?.actor_username;
};

describe('the payment gateway over HTTP, misbehaving', () => {
  it('answers twice (its answer, then the same outcome as events, twice): each refund is still paid and recorded once', async () => {
    await fake.control({ duplicateRate: 1 });
    const before = (await fake.state()).events!.posted;
    const approvals = [await approveNew(), await approveNew(), await approveNew()];
    for (const a of approvals) expect(a.refund.status).toBe('succeeded');
    // the six duplicate answers reach the console as refund.settled events, which change nothing
    await waitFor(
      'the duplicate refund.settled events to be posted',
      () => fake.state(),
      (s) => s.events!.posted - before >= 6,
    );
    await expectPaidOnce(approvals.map((a) => a.key));
  });

  it('answers after the console’s timeout: the refund stays pending, then the refund.settled event settles it, once', async () => {
    await fake.control({ latencyMs: ANSWER_TIMEOUT_MS * 3 });
    const a = await approveNew();
    expect(a).toMatchObject({ caseStatus: 'approved', refund: { status: 'pending' } });
    await allSucceeded([a.key], 'the late answer (refund.settled) to settle the refund');
    expect(await settledBy(a.key)).toBe('platform');
    await expectPaidOnce([a.key]);
  });

  it('answers after the timeout and tells nobody: the reconciler’s lookup settles it once the gateway is quick again', async () => {
    await fake.control({ latencyMs: ANSWER_TIMEOUT_MS * 3, notify: false });
    const a = await approveNew();
    expect(a.refund.status).toBe('pending');
    await fake.control({ latencyMs: 0 });
    await allSucceeded([a.key], 'the reconciler to settle the refund by lookup');
    expect(await settledBy(a.key)).toBe('system');
    await expectPaidOnce([a.key]);
  });

  it('dies mid-approval (accepts, never answers): once the breaker is open approvals answer pending at once; back, the reconciler pays each once', async () => {
    await fake.control({ latencyMs: 120_000, notify: false });
    const approvals: Awaited<ReturnType<typeof approveNew>>[] = [];
    // each approval waits for the answer timeout until three failures in a row open the breaker
    await waitFor(
      'the payment gateway breaker to open',
      async () => {
        approvals.push(await approveNew());
        return (await breaker())[0]?.state;
      },
      (state) => state === 'open' || state === 'half_open',
    );
    for (const a of approvals) expect(a.refund.status).toBe('pending');
    const waited = approvals.filter((a) => a.ms >= ANSWER_TIMEOUT_MS);
    expect(waited.length).toBeGreaterThan(0);

    const fast = [await approveNew(), await approveNew()];
    const attempts = (await fake.state()).attempts;
    for (const a of fast) {
      expect(a).toMatchObject({ caseStatus: 'approved', refund: { status: 'pending' } });
      // not asked, so not waited on: the breaker answered (a timing bound would fail on a busy machine)
      expect(attempts[a.key], 'the gateway was not asked: the breaker answered').toBeUndefined();
    }

    await fake.control({ latencyMs: 0 });
    const keys = [...approvals, ...fast].map((a) => a.key);
    await allSucceeded(keys, 'the reconciler to pay every pending refund once the gateway is back');
    await expectPaidOnce(keys);
    await waitFor(
      'the breaker to close',
      async () => (await breaker())[0]?.state,
      (s) => s === 'closed',
    );
  });
});

describe('the message service over HTTP, down for a few seconds', () => {
  it('every message is delivered exactly once after it comes back, and its receipt reaches the console', async () => {
    await fake.control({ down: 'messages' });
    const since = new Date().toISOString();
    await approveNew();
    await approveNew(); // each tells the member: approval and arrival, by SMS and in-app
    const ours = () =>
      query<{ dedupe_key: string; status: string; attempts: number; communication_id: number | null; delivery_status: string | null }>(
        sql`select o.dedupe_key, o.status, o.attempts, o.communication_id, c.delivery_status
            from outbox o left join communications c on c.id = o.communication_id where o.created_at >= ${since}`,
      );
    // the outbox has tried each of them, and failed
    await waitFor(
      'the outbox to try every message while the service is down',
      () => ours(),
      (rows) => rows.length >= 4 && rows.every((r) => r.attempts >= 1 && r.status === 'pending'),
    );
    await fake.control({ down: false });
    const rows = await waitFor(
      'every message to be sent and its receipt applied',
      () => ours(),
      (rs) => rs.every((r) => r.status === 'sent' && (r.communication_id === null || r.delivery_status === 'delivered')),
    );
    const delivered = (await fake.state()).messages;
    for (const r of rows)
      expect(
        delivered.filter((m) => m.messageId === r.dedupe_key),
        r.dedupe_key,
      ).toMatchObject([{ deliveries: 1 }]);
  });
});

describe('misconfigured', () => {
  it('refuses to start when a service URL is set without its secret, with a one-line reason and no stack trace', async () => {
    // (PostgreSQL: the test's database; the server refuses before it opens it)
    const db = target.engine === 'sqlite' ? await seededCopy(join(dir, 'no-secret.db')) : join(dir, 'no-secret.db');
    const started = startServer(db, { ...target.env, PAYMENT_GATEWAY_URL: 'http://127.0.0.1:9/', PAYMENT_GATEWAY_SECRET: '' });
    const error = await started.then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(error).toMatch(/PAYMENT_GATEWAY_URL is set but neither PAYMENT_GATEWAY_SECRET nor PAYMENT_GATEWAY_SECRET_FILE is/);
    expect(error).not.toMatch(/^\s+at /m);
  }, 120_000);
});
