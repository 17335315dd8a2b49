import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulatedGateway } from '../../server/adapters/simulated-gateway';
import { deliverOutbox } from '../../server/comms/deliver-outbox';
import { signatureHeaders } from '../../server/integration/signature';
import { insertPlans } from '../support/factories';
import { listenOn } from '../support/http-server';
import { callerFor, createStaff, createTestWorld, type TestWorld } from '../support/test-db';
import { caseRow, orderRow, orderWithMember, quotedCase, refundsOf } from './cases-support';

// The platform's late answers over POST /api/v1/events: refund.settled / refund.failed settle a
// refund left pending at the gateway, message.delivered / message.failed are delivery receipts
// for the outbox's messages (docs/integration.md §1–§3).

const SECRET = 'whsec-settlement';
let world: TestWorld;
let server: Server;
let base: string;

beforeEach(async () => {
  world = await createTestWorld({ now: '2026-11-20T04:00:00.000Z' });
  world.deps.config.ingestSecrets = [SECRET];
  await insertPlans(world.deps.db);
  ({ server, base } = await listenOn(world));
});
afterEach(async () => {
  await new Promise((r) => server.close(r));
  await world.cleanup();
});

/** Posts events signed at the test world's clock. */
async function send(events: unknown[]) {
  const body = JSON.stringify({ events });
  const res = await fetch(`${base}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(SECRET, body, Math.floor(world.clock.now.getTime() / 1000)) },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A case approved while the gateway's answer was lost: its refund is pending. */
async function pendingRefund(key: string) {
  world.deps.gateway = createSimulatedGateway({ latencyMs: 0, failureRate: 0, timeoutRate: 0, random: () => 0.5, script: ['timeout'] });
  const agent = await createStaff(world, { role: 'agent' });
  const { order } = await orderWithMember(world, { plan_code: 'std_month', paid_at: '2026-11-18T02:00:00.000Z' });
  const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
  await callerFor(world, agent).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: key });
  const [refund] = await refundsOf(world.deps.db, order.order_no);
  expect(refund).toMatchObject({ status: 'pending' });
  return { orderNo: order.order_no, caseNo, refund: refund! };
}

describe('refund.settled / refund.failed', () => {
  it('refund.settled pays the pending refund: order refunded, case refunded; a second answer changes nothing', async () => {
    const { orderNo, caseNo, refund } = await pendingRefund('settle-by-event-1');
    const at = world.clock.now.toISOString();
    const settled = {
      id: 'evt-settle-1',
      type: 'refund.settled',
      occurredAt: at,
      data: { idempotencyKey: refund.idempotency_key, gatewayRef: 'gw-77', at },
    };
    expect(await send([settled])).toMatchObject({ status: 200, body: { accepted: 1, stale: 0, parked: 0 } });
    expect((await refundsOf(world.deps.db, orderNo))[0]).toMatchObject({ status: 'succeeded', gateway_ref: 'gw-77' });
    expect(await orderRow(world.deps.db, orderNo)).toMatchObject({ status: 'refunded', refunded_fen: 2500 });
    expect((await caseRow(world.deps.db, caseNo)).status).toBe('refunded');

    const late = {
      ...settled,
      id: 'evt-fail-late',
      type: 'refund.failed',
      data: { idempotencyKey: refund.idempotency_key, reason: 'late', at },
    };
    expect(await send([late])).toMatchObject({ status: 200, body: { accepted: 1, stale: 1 } });
    expect((await refundsOf(world.deps.db, orderNo))[0]).toMatchObject({ status: 'succeeded' });
  });

  it('refund.failed declines it: the case goes back to review, nothing refunded', async () => {
    const { orderNo, caseNo, refund } = await pendingRefund('fail-by-event-1');
    const at = world.clock.now.toISOString();
    const failed = {
      id: 'evt-fail-1',
      type: 'refund.failed',
      occurredAt: at,
      data: { idempotencyKey: refund.idempotency_key, reason: 'card closed', at },
    };
    expect(await send([failed])).toMatchObject({ status: 200, body: { accepted: 1 } });
    expect((await refundsOf(world.deps.db, orderNo))[0]).toMatchObject({ status: 'failed' });
    const row = await world.deps.db.selectFrom('refunds').select('failure_reason').where('id', '=', refund.id).executeTakeFirstOrThrow();
    expect(row.failure_reason).toBe('card closed');
    expect(await orderRow(world.deps.db, orderNo)).toMatchObject({ status: 'paid', refunded_fen: 0 });
    expect((await caseRow(world.deps.db, caseNo)).status).toBe('in_review');
  });

  it('an answer for a refund the console does not know is parked with the reason', async () => {
    const at = world.clock.now.toISOString();
    const res = await send([{ id: 'evt-unknown-refund', type: 'refund.settled', occurredAt: at, data: { idempotencyKey: 'nope', at } }]);
    expect(res.body).toMatchObject({ accepted: 1, parked: 1 });
  });
});

describe('message.delivered / message.failed', () => {
  it('a receipt sets the communication’s delivery status; an older receipt does not overwrite a newer one', async () => {
    await pendingRefund('msg-receipts-1'); // the approval tells the member: two messages in the outbox
    await deliverOutbox(world.deps.db, world.deps.sender, world.deps.now);
    const out = await world.deps.db.selectFrom('outbox').select(['dedupe_key', 'communication_id']).orderBy('id').execute();
    const sms = out.find((o) => o.dedupe_key.endsWith(':sms'))!;
    const t0 = world.clock.now.getTime();
    const receipt = (id: string, type: string, ms: number) => ({
      id,
      type,
      occurredAt: new Date(t0 + ms).toISOString(),
      data: {
        messageId: sms.dedupe_key,
        at: new Date(t0 + ms).toISOString(),
        reason: type === 'message.failed' ? 'number unreachable' : undefined,
      },
    });
    expect(await send([receipt('evt-r2', 'message.delivered', 2000), receipt('evt-r1', 'message.failed', 1000)])).toMatchObject({
      status: 200,
      body: { accepted: 2, stale: 1 },
    });
    const comm = await world.deps.db
      .selectFrom('communications')
      .select('delivery_status')
      .where('id', '=', sms.communication_id!)
      .executeTakeFirstOrThrow();
    expect(comm.delivery_status).toBe('delivered');
  });

  it('a receipt that arrives while the console is still recording the send is kept, not overwritten by "sent"', async () => {
    await pendingRefund('msg-receipts-2'); // two messages in the outbox
    // the message service answers 202 and its receipt reaches the console before the outbox has
    // written down that the message left (a quick service, a busy console)
    const received: string[] = [];
    world.deps.sender = {
      send: async (m) => {
        received.push(m.dedupeKey);
        const at = world.clock.now.toISOString();
        const answer = await send([
          { id: `evt-quick-${m.dedupeKey}`, type: 'message.delivered', occurredAt: at, data: { messageId: m.dedupeKey, at } },
        ]);
        expect(answer.status).toBe(200);
        return { providerRef: `quick-${m.dedupeKey}` };
      },
    };
    await deliverOutbox(world.deps.db, world.deps.sender, world.deps.now);
    expect(received).toHaveLength(2);
    const comms = await world.deps.db
      .selectFrom('outbox')
      .innerJoin('communications', 'communications.id', 'outbox.communication_id')
      .select(['outbox.status', 'communications.delivery_status'])
      .execute();
    expect(comms).toEqual([
      { status: 'sent', delivery_status: 'delivered' },
      { status: 'sent', delivery_status: 'delivered' },
    ]);
  });

  it('a message.failed receipt that arrives while the console is still recording the send keeps its reason', async () => {
    await pendingRefund('msg-receipts-3'); // two messages in the outbox
    // the service accepts the message and, before the outbox has written down that it left, says
    // it could not be delivered: the reason is what the integration page counts as a failed call
    world.deps.sender = {
      send: async (m) => {
        const at = world.clock.now.toISOString();
        const answer = await send([
          {
            id: `evt-quick-fail-${m.dedupeKey}`,
            type: 'message.failed',
            occurredAt: at,
            data: { messageId: m.dedupeKey, at, reason: 'unreachable' },
          },
        ]);
        expect(answer.status).toBe(200);
        return { providerRef: `quick-${m.dedupeKey}` };
      },
    };
    expect(await deliverOutbox(world.deps.db, world.deps.sender, world.deps.now)).toBe(2);
    const rows = await world.deps.db
      .selectFrom('outbox')
      .innerJoin('communications', 'communications.id', 'outbox.communication_id')
      .select(['outbox.status', 'outbox.last_error', 'communications.delivery_status'])
      .execute();
    expect(rows).toEqual([
      { status: 'sent', last_error: 'unreachable', delivery_status: 'failed' },
      { status: 'sent', last_error: 'unreachable', delivery_status: 'failed' },
    ]);
  });
});
