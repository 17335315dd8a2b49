import { describe, expect, it } from 'vitest';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { insertMember, insertOrder } from '../support/factories';
import { worldWithPlansEachTest } from '../support/world';
import { phoneCase } from './cases-support';

let world: TestWorld;
worldWithPlansEachTest('2026-11-10T07:00:00.000Z', (w) => (world = w));

describe('communications', () => {
  it('logs a call on a case, audits it, and finds it by a 2-character Chinese phrase and by English words', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const m = await insertMember(world.deps.db);
    const order = await insertOrder(world.deps.db, m.uid);
    const api = callerFor(world, agent);
    const caseNo = await phoneCase(world, agent, order.order_no);
    const { commId } = await api.comms.log({
      caseNo,
      memberUid: m.uid,
      direction: 'inbound',
      channel: 'phone',
      body: '会员来电，说误购了年卡，要求退款',
      durationSec: 180,
    });
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
    const caseNo = await phoneCase(world, agent, order.order_no);
    await expect(api.comms.log({ caseNo, memberUid: b.uid, direction: 'inbound', channel: 'phone', body: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(api.comms.log({ memberUid: b.uid, direction: 'inbound', channel: 'phone', body: '   ' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await world.deps.db.selectFrom('communications').selectAll().execute()).toEqual([]);
  });
});

describe('editing and templates', () => {
  it('lets the author edit within 15 minutes, audited with both versions, and nobody else', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const other = await createStaff(world, { role: 'agent' });
    const m = await insertMember(world.deps.db);
    const { commId } = await callerFor(world, agent).comms.log({
      memberUid: m.uid,
      direction: 'inbound',
      channel: 'phone',
      body: '会员来电',
    });
    await expect(callerFor(world, other).comms.edit({ commId, body: '改写' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    world.clock.advance(14 * 60_000);
    await expect(callerFor(world, agent).comms.edit({ commId, body: '会员来电，要求退款' })).resolves.toMatchObject({ commId });
    world.clock.advance(2 * 60_000);
    await expect(callerFor(world, agent).comms.edit({ commId, body: '太晚了' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const row = await world.deps.db
      .selectFrom('communications')
      .select(['body', 'edited_at'])
      .where('id', '=', commId)
      .executeTakeFirstOrThrow();
    expect(row.body).toBe('会员来电，要求退款');
    const edit = await world.deps.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('action', '=', 'comm.edit')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(edit.before!).body).toBe('会员来电');
    expect(JSON.parse(edit.after!).body).toBe('会员来电，要求退款');
  });

  it('supervisors manage templates; agents read them', async () => {
    const sup = await createStaff(world, { role: 'supervisor' });
    const agent = await createStaff(world, { role: 'agent' });
    await callerFor(world, sup).templates.save({
      code: 'evidence_request',
      locale: 'zh-CN',
      title: '补充材料',
      body: '{{nickname}}您好，请提供支付截图。',
    });
    await expect(
      callerFor(world, agent).templates.save({ code: 'evidence_request', locale: 'zh-CN', title: 'x', body: 'y' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const list = await callerFor(world, agent).templates.list({ locale: 'zh-CN' });
    expect(list).toMatchObject([{ code: 'evidence_request', title: '补充材料' }]);
  });
});
