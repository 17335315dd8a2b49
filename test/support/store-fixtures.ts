import type { Db } from '../../server/db/client';
import { callerFor, createStaff, type TestWorld } from './test-db';

// What the store tests (test/api/store-apple.test.ts, store-google.test.ts) set up alike: an
// agent's case on a store order, and an active subscription whose auto-renew the store moves.

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
