import type { Db } from '../../server/db/client';
import { ingestDb } from '../../server/integration/ingest-schema';
import { signatureHeaders } from '../../server/integration/signature';
import { callerFor, createStaff, type TestWorld } from './test-db';

// What the store tests (test/api/store-apple.test.ts, store-google.test.ts) set up alike: an
// agent's case on a store order, an active subscription whose auto-renew the store moves, and the
// platform's order.paid that brings the order a parked notification waits for.

/** An agent opens a case on the order (by the app, reason unused); the agent's caller comes back with it. */
export async function openStoreCase(world: TestWorld, orderNo: string, ask: { requested: 'full' | 'prorated'; statement: string }) {
  const agent = await createStaff(world, { role: 'agent' });
  const caller = callerFor(world, agent);
  const { caseNo } = await caller.cases.create({ orderNo, channel: 'app', reason: 'unused', ...ask });
  return { agent, caller, caseNo };
}

/** The member's active subscription to the order's plan; returns a reader of its status and who cancelled it. */
export async function activeSubscription(db: Db, memberUid: string, order: { plan_code: string; paid_at: string | null }) {
  await db
    .insertInto('subscriptions')
    .values({
      member_uid: memberUid,
      plan_code: order.plan_code,
      status: 'active',
      started_at: order.paid_at!,
      next_charge_at: null,
      cancelled_at: null,
      cancelled_by: null,
    })
    .execute();
  return () =>
    db.selectFrom('subscriptions').select(['status', 'cancelled_by']).where('member_uid', '=', memberUid).executeTakeFirstOrThrow();
}

/** What waits in ingest_parked: each event's id and the key it waits for. */
export const parkedWaits = (db: Db) => ingestDb(db).selectFrom('ingest_parked').select(['event_id', 'waits_key']).execute();

/**
 * The platform posts, signed, one order.paid a day before the world's clock (std_month, 25 yuan)
 * to the console at `base`; the console's answer comes back.
 */
export async function postOrderPaid(
  world: TestWorld,
  base: string,
  order: {
    id: string;
    orderNo: string;
    memberUid: string;
    paymentChannel: string;
    platform: string;
    transactionId: string;
    purchaseToken?: string;
  },
) {
  const secret = 'whsec-store-test';
  world.deps.config.ingestSecrets = [secret];
  const now = world.clock.now.getTime();
  const at = new Date(now - 86_400_000).toISOString();
  const { id, ...data } = order;
  const body = JSON.stringify({
    events: [{ id, type: 'order.paid', occurredAt: at, data: { ...data, planCode: 'std_month', paidFen: 2500, paidAt: at } }],
  });
  return fetch(`${base}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(secret, body, Math.floor(now / 1000)) },
    body,
  });
}
