import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createStaff, createTestWorld, type TestWorld } from '../support/test-db';
import { insertMember, insertOrder, insertPlans } from '../support/factories';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld({ now: '2026-11-10T07:00:00.000Z' });
  await insertPlans(world.deps.db);
});
afterEach(() => world.cleanup());

describe('communications', () => {
  it('logs a call on a case, audits it, and finds it by a 2-character Chinese phrase and by English words', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const m = await insertMember(world.deps.db);
    const order = await insertOrder(world.deps.db, m.uid);
    const api = callerFor(world, agent);
    const { caseNo } = await api.cases.create({ orderNo: order.order_no, channel: 'phone', reason: 'unused', requested: 'full', statement: '' });
    const { commId } = await api.comms.log({ caseNo, memberUid: m.uid, direction: 'inbound', channel: 'phone', body: '会员来电，说误购了年卡，要求退款', durationSec: 180 });
    await api.comms.log({ memberUid: m.uid, direction: 'note', channel: 'email', body: 'Member asked for a refund by email' });

    expect((await api.comms.list({ q: '误购' })).items.map((c) => c.commId)).toEqual([commId]);
    expect((await api.comms.list({ q: '误购了年卡' })).items.map((c) => c.commId)).toEqual([commId]);
    expect((await api.comms.list({ q: 'refund by' })).items).toHaveLength(1);
    expect((await api.comms.list({ q: '%' })).items).toEqual([]);
    expect((await api.comms.list({ caseNo })).items).toHaveLength(1);
    expect((await api.comms.list({ memberUid: m.uid })).items).toHaveLength(2);

    const events = await world.deps.db.selectFrom('audit_events').select('action').where('action', '=', 'comm.log').execute();
    expect(events).toHaveLength(2);
  });

  it('refuses a case of another member and an empty body, writing nothing', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const a = await insertMember(world.deps.db);
    const b = await insertMember(world.deps.db);
    const order = await insertOrder(world.deps.db, a.uid);
    const api = callerFor(world, agent);
    const { caseNo } = await api.cases.create({ orderNo: order.order_no, channel: 'phone', reason: 'unused', requested: 'full', statement: '' });
    await expect(api.comms.log({ caseNo, memberUid: b.uid, direction: 'inbound', channel: 'phone', body: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.comms.log({ memberUid: b.uid, direction: 'inbound', channel: 'phone', body: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await world.deps.db.selectFrom('communications').selectAll().execute()).toEqual([]);
  });
});
