import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpSender } from '../../server/adapters/http-sender';
import { deliverOutbox } from '../../server/comms/deliver-outbox';
import type { StaffIdentity } from '../../server/context';
import { startFakePlatform, waitFor, type FakePlatform } from '../support/fake-platform-process';
import { UNDELIVERED_REASON } from '../support/fake-message-service';
import { DEFAULT_FAKE_SETTINGS } from '../support/fake-settings';
import { listenOn, sessionCookie } from '../support/http-server';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { worldWithPlans } from '../support/world';
import { orderWithMember, quotedCase, unusedMonth } from './cases-support';

// Delivery receipts over real HTTP both ways (docs/integration.md §1, §3, §4): the console's HTTP
// message sender posts to the fake platform (its own process), which accepts every message and
// sends its receipt back, signed, to the console's POST /api/v1/events. A share of the messages
// (the fake's deliveryFailureRate, `--delivery-failure-rate` on its command line) never reaches
// the member: the receipt is message.failed, and the console must record it where people look —
// the communication's delivery status (the case's conversation an agent reads), the outbox's last
// error and the message service's health on the integration page.

const INGEST_SECRET = 'ingest-receipts-api';
const GATEWAY_SECRET = 'gw-receipts-api';
const MESSAGE_SECRET = 'msg-receipts-api';

let world: TestWorld;
let server: Server;
let base: string;
let fake: FakePlatform;
let agent: StaffIdentity & { password: string };
let supervisor: StaffIdentity & { password: string };

beforeAll(async () => {
  world = await worldWithPlans();
  world.deps.config.ingestSecrets = [INGEST_SECRET];
  ({ server, base } = await listenOn(world));
  fake = await startFakePlatform({
    gatewaySecret: GATEWAY_SECRET,
    messageSecret: MESSAGE_SECRET,
    console: { url: base, secret: INGEST_SECRET },
    args: ['--delivery-failure-rate', '1'],
  });
  world.deps.sender = createHttpSender({
    url: fake.url,
    secret: MESSAGE_SECRET,
    db: world.deps.db,
    settings: {
      timeouts: { connectMs: 2_000, answerMs: 10_000 },
      breaker: { failureThreshold: 5, coolDownMs: 60_000 },
      retries: 0,
      retryBackoffMs: 20,
    },
  });
  agent = await createStaff(world, { role: 'agent' });
  supervisor = await createStaff(world, { role: 'supervisor' });
}, 60_000);
afterAll(async () => {
  await fake?.stop();
  if (server) await new Promise((r) => server.close(r));
  await world?.cleanup();
});
beforeEach(() => {
  // the cases are made at the world's fixed clock; the fake signs its events with the real one,
  // which the console checks them against (300 s tolerance): the clock is moved to now before sending
  world.clock.now = new Date('2026-11-20T04:00:00.000Z');
});

/** An approved refund on a fresh order: the approval queues its messages to the member in the outbox. */
async function approvedCase(): Promise<string> {
  const { order } = await orderWithMember(world, unusedMonth);
  const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
  const answer = await callerFor(world, agent).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: `receipts-${caseNo}` });
  expect(answer.status).toBe('refunded');
  return caseNo;
}

/** The case's outbox rows with their communication's delivery status. */
const messagesOf = (caseNo: string) =>
  world.deps.db
    .selectFrom('outbox')
    .innerJoin('communications', 'communications.id', 'outbox.communication_id')
    .select(['outbox.dedupe_key', 'outbox.status', 'outbox.last_error', 'communications.delivery_status'])
    .where('communications.case_no', '=', caseNo)
    .orderBy('outbox.id')
    .execute();

/** Sends everything the outbox holds through the fake (at the real clock, which the fake signs its receipts with). */
async function sendOutbox() {
  world.clock.now = new Date();
  let sent = 0;
  for (let n = -1; n !== 0; sent += n) n = await deliverOutbox(world.deps.db, world.deps.sender, world.deps.now);
  expect(sent).toBeGreaterThan(0);
}

/** Waits for every receipt of the case's messages to be applied. */
const receiptsOf = (caseNo: string) =>
  waitFor(
    `the receipts of ${caseNo}'s messages to be applied`,
    () => messagesOf(caseNo),
    (rows) => rows.length > 0 && rows.every((r) => r.delivery_status === 'delivered' || r.delivery_status === 'failed'),
  );

/** A tRPC query over HTTP with the staff member's session, as the console's pages make it. */
async function query<T>(who: { username: string; password: string }, path: string, input: unknown): Promise<T> {
  const cookie = await sessionCookie(base, who);
  const res = await fetch(`${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

type CaseView = { communications: { direction: string; channel: string; deliveryStatus: string | null }[] };
type Health = { service: string; lastHour: { calls: number; failed: number }; signs: string[] };

describe('message.failed from the message service over HTTP', () => {
  it('the fake started with --delivery-failure-rate 1 fails every delivery; the console records each failure with its reason', async () => {
    expect((await fake.state()).settings.deliveryFailureRate).toBe(1);
    const caseNo = await approvedCase();
    await sendOutbox();
    const rows = await receiptsOf(caseNo);
    expect(rows.length).toBeGreaterThanOrEqual(2); // the approval's SMS and in-app message
    for (const r of rows) expect(r).toMatchObject({ status: 'sent', delivery_status: 'failed', last_error: UNDELIVERED_REASON });

    // the fake accepted each once and reached nobody, and said so to the console, signed
    const state = await fake.state();
    for (const r of rows)
      expect(
        state.messages.filter((m) => m.messageId === r.dedupe_key),
        r.dedupe_key,
      ).toMatchObject([{ requests: 1, deliveries: 0, receipt: 'failed' }]);
    expect(state.events).toMatchObject({ refusedBatches: 0 });

    // what the agent reads on the case page: the messages out, each marked failed
    const view = await query<CaseView>(agent, 'cases.get', { caseNo });
    const outbound = view.communications.filter((c) => c.direction === 'outbound');
    expect(outbound.length).toBe(rows.length);
    for (const c of outbound) expect(c.deliveryStatus).toBe('failed');

    // what a supervisor reads on the integration page: the message service's failed calls of the
    // last hour, as of the world's clock (the messages were queued at it)
    world.clock.now = new Date('2026-11-20T04:30:00.000Z');
    const summary = await query<{ breakers: Health[] }>(supervisor, 'integration.summary', {});
    const service = summary.breakers.find((b) => b.service === 'message_service');
    expect(service?.lastHour.failed).toBeGreaterThanOrEqual(rows.length);
  });

  it('a share set through /_control: each message the console marks as the fake decided, delivered or failed', async () => {
    expect(await fake.control({ ...DEFAULT_FAKE_SETTINGS, deliveryFailureRate: 0.5 })).toMatchObject({ deliveryFailureRate: 0.5 });
    const cases = [await approvedCase(), await approvedCase(), await approvedCase()];
    const before = new Set((await fake.state()).messages.map((m) => m.messageId));
    await sendOutbox();
    for (const caseNo of cases) {
      const rows = await receiptsOf(caseNo);
      const decided = new Map((await fake.state()).messages.map((m) => [m.messageId, m.receipt]));
      for (const r of rows) {
        expect(before.has(r.dedupe_key), 'a message of this test, not of the one before').toBe(false);
        expect(r.status).toBe('sent');
        const receipt = decided.get(r.dedupe_key);
        expect(r.delivery_status, r.dedupe_key).toBe(receipt);
        expect(r.last_error, r.dedupe_key).toBe(receipt === 'failed' ? UNDELIVERED_REASON : null);
      }
    }
    await fake.control({ deliveryFailureRate: 0 });
  });
});
