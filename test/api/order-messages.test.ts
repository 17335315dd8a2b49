import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMember, insertOrder } from '../support/factories';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { worldWithPlans } from '../support/world';
import { phoneCase } from './cases-support';

// The order page's timeline carries the messages with the member on the order's cases, in the
// same answer as the rest of the page (no second request).

let world: TestWorld;
beforeAll(async () => {
  world = await worldWithPlans('2026-11-10T07:00:00.000Z');
});
afterAll(() => world.cleanup());

describe('orders.get communications', () => {
  it("lists the messages on the order's cases newest first, with author, call length and delivery", async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const api = callerFor(world, agent);
    const m = await insertMember(world.deps.db);
    const order = await insertOrder(world.deps.db, m.uid);
    const otherOrder = await insertOrder(world.deps.db, m.uid);
    const caseNo = await phoneCase(world, agent, order.order_no);
    const otherCaseNo = await phoneCase(world, agent, otherOrder.order_no);

    world.clock.advance(60_000);
    const { commId: call } = await api.comms.log({
      caseNo,
      memberUid: m.uid,
      direction: 'inbound',
      channel: 'phone',
      body: '会员来电要求退款',
      durationSec: 125,
    });
    world.clock.advance(60_000);
    await api.comms.send({ caseNo, channel: 'in_app_message', body: '您好，请补充支付截图。' });
    await api.comms.log({ caseNo: otherCaseNo, memberUid: m.uid, direction: 'inbound', channel: 'phone', body: '另一张订单的来电' });
    await api.comms.log({ memberUid: m.uid, direction: 'note', channel: 'phone', body: '没有关联工单的备注' });

    const page = await api.orders.get({ orderNo: order.order_no });
    expect(page.communications).toMatchObject([
      {
        caseNo,
        direction: 'outbound',
        channel: 'in_app_message',
        deliveryStatus: 'pending',
        author: agent.username,
        body: '您好，请补充支付截图。',
      },
      { commId: call, caseNo, direction: 'inbound', channel: 'phone', durationSec: 125, deliveryStatus: null, author: agent.username },
    ]);
    expect(page.moreCommunications).toBe(false);
  });
});
