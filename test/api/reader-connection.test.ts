import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTx } from '../../server/db/write-tx';
import { insertMember, insertOrder } from '../support/factories';
import { listenOn, sessionCookie } from '../support/http-server';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { worldWithPlans } from '../support/world';

// Agents' reads run on a read-only connection of their own (Deps.reader): while a write
// transaction holds the main connection — an ingest batch, an import, an approval — an order
// search, the order page and the case queue answer at once, from the last committed state.

let world: TestWorld;
beforeEach(async () => {
  world = await worldWithPlans();
});
afterEach(async () => {
  await world.cleanup();
});

/** Opens a write transaction that flags the order and stays open until `commit` is called. */
function holdWriteTx(orderNo: string) {
  let commit!: () => void;
  const open = new Promise<void>((resolve) => (commit = resolve));
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const done = writeTx(world.deps.db, async (tx) => {
    await tx.updateTable('orders').set({ anomaly: 'risk_hold' }).where('order_no', '=', orderNo).execute();
    started();
    await open;
  });
  return { ready, commit, done };
}

/** The promise's value, or 'still waiting' if it has not settled within 10 s (it should at once). */
async function within<T>(p: Promise<T>): Promise<T | 'still waiting'> {
  return Promise.race([p, sleep(10_000).then(() => 'still waiting' as const)]);
}

describe('reads beside an open write transaction', () => {
  it('the order page, the search and the case queue answer while a write transaction is open, with what is committed', async () => {
    const member = await insertMember(world.deps.db);
    const order = await insertOrder(world.deps.db, member.uid);
    const agent = callerFor(world, await createStaff(world));
    const held = holdWriteTx(order.order_no);
    await held.ready;

    const page = await within(agent.orders.get({ orderNo: order.order_no }));
    expect(page).not.toBe('still waiting');
    expect(page).toMatchObject({ order: { orderNo: order.order_no, anomaly: null } }); // not the uncommitted flag
    const found = await within(agent.orders.search({ q: order.order_no }));
    expect(found).toMatchObject({ items: [{ orderNo: order.order_no }] });
    expect(await within(agent.cases.list({}))).toMatchObject({ items: [] });

    held.commit();
    await held.done;
    expect(await agent.orders.get({ orderNo: order.order_no })).toMatchObject({ order: { anomaly: 'risk_hold' } });
  });

  it('over HTTP too: the request learns who sent it (the session) without waiting for the write', async () => {
    const member = await insertMember(world.deps.db);
    const order = await insertOrder(world.deps.db, member.uid);
    const agent = await createStaff(world);
    const { server, base } = await listenOn(world);
    try {
      const cookie = await sessionCookie(base, agent);
      const held = holdWriteTx(order.order_no);
      await held.ready;
      const input = encodeURIComponent(JSON.stringify({ q: order.order_no }));
      const res = await within(fetch(`${base}/trpc/orders.search?input=${input}`, { headers: { cookie } }));
      expect(res).not.toBe('still waiting');
      expect((res as Response).status).toBe(200);
      held.commit();
      await held.done;
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
