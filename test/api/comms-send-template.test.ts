import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateRows } from '../../server/seed/templates';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { codeOf, countRows, orderWithMember, quotedCase, unusedMonth } from './cases-support';
import { worldWithPlans } from '../support/world';

// Replies from templates are rendered by the server from the case (docs/spec.md §4.7), and no
// reply may promise an amount before it is approved.

let world: TestWorld;
beforeEach(async () => {
  world = await worldWithPlans('2026-11-20T04:00:00.000Z');
  await world.deps.db.insertInto('message_templates').values(templateRows(world.clock.now.toISOString())).execute();
});
afterEach(() => world.cleanup());

async function nothingChanged() {
  const db = world.deps.db;
  return {
    outbox: await countRows(db, 'outbox'),
    communications: await countRows(db, 'communications'),
    audit: await countRows(db, 'audit_events'),
  };
}

async function replies(caseNo: string) {
  return world.deps.db
    .selectFrom('outbox')
    .select(['channel', 'body'])
    .where('dedupe_key', 'like', `${caseNo}:reply:%`)
    .orderBy('id')
    .execute();
}

describe('comms.send from a template', () => {
  it('refuses a template with {{amount}} before the refund is approved, and queues nothing', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    const api = callerFor(world, agent);
    const before = await nothingChanged();

    for (const templateCode of ['approval', 'prorated_explanation']) {
      const refused = await api.comms.send({ caseNo, channel: 'sms', templateCode, locale: 'zh-CN' }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'PRECONDITION_FAILED' });
      expect((refused as Error).message).toMatch(/^No amount may be promised before it is approved/);
    }
    // nor can the console slip the amount in as a variable
    expect(
      await codeOf(
        api.comms.send({ caseNo, channel: 'sms', templateCode: 'evidence_request', locale: 'zh-CN', vars: { amount: '¥25.00' } }),
      ),
    ).toBe('BAD_REQUEST');
    expect(await nothingChanged()).toEqual(before);
  });

  it('after approval renders the template on the server with the approved amount and the case’s facts', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order, member } = await orderWithMember(world, { ...unusedMonth, payment_channel: 'bcoin' });
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    const api = callerFor(world, agent);
    await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'reply-after-approval' });

    await expect(api.comms.send({ caseNo, channel: 'in_app_message', templateCode: 'approval', locale: 'en' })).resolves.toEqual({
      queued: true,
    });

    expect(await replies(caseNo)).toEqual([
      {
        channel: 'in_app_message',
        body: `Hi ${member.nickname}, your refund for order ${order.order_no} has been approved: ¥25.00 goes back to your B-coin balance and arrives at once.`,
      },
    ]);
    const audit = await world.deps.db
      .selectFrom('audit_events')
      .select(['after'])
      .where('action', '=', 'comm.send')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toEqual({ channel: 'in_app_message', templateCode: 'approval', locale: 'en' });
  });

  it('fills a template without an amount before approval, from the case (the deadline) and the console’s own values', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order, member } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    const api = callerFor(world, agent);
    const kase = await api.cases.get({ caseNo });
    const deadline = new Date(Date.parse(kase.case.slaDueAt) + 8 * 3_600_000).toISOString().slice(0, 10);

    await api.comms.send({
      caseNo,
      channel: 'sms',
      templateCode: 'evidence_request',
      locale: 'zh-CN',
      vars: { nickname: '冒名', slaDate: '2099-01-01' },
    });
    // (another request: a reply's dedupe key names its request)
    await callerFor(world, agent).comms.send({
      caseNo,
      channel: 'sms',
      templateCode: 'rejection_insufficient_evidence',
      locale: 'zh-CN',
      vars: { reason: '截图看不清金额。' },
    });

    const [evidence, rejection] = await replies(caseNo);
    // the case's own facts win over anything the console sends
    expect(evidence!.body).toBe(
      `${member.nickname}您好，为尽快处理订单 ${order.order_no} 的退款申请，请在 ${deadline} 前补充支付截图或扣款记录。`,
    );
    expect(rejection!.body).toContain('截图看不清金额。');
  });

  it('refuses a template whose variables the case cannot fill, and an unknown template, queueing nothing', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    const api = callerFor(world, agent);
    const before = await nothingChanged();

    const unfilled = await api.comms
      .send({ caseNo, channel: 'sms', templateCode: 'rejection_insufficient_evidence', locale: 'zh-CN' })
      .catch((e: unknown) => e);
    expect(unfilled).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((unfilled as Error).message).toContain('{{reason}}');
    expect(await codeOf(api.comms.send({ caseNo, channel: 'sms', templateCode: 'no_such_template', locale: 'zh-CN' }))).toBe('NOT_FOUND');
    expect(await codeOf(api.comms.send({ caseNo: 'RC0000', channel: 'sms', templateCode: 'approval', locale: 'zh-CN' }))).toBe('NOT_FOUND');
    expect(await nothingChanged()).toEqual(before);
  });
});

describe('comms.send with a free body', () => {
  it('still sends the agent’s own text, unchanged, through the outbox', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order, member } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);

    await expect(callerFor(world, agent).comms.send({ caseNo, channel: 'sms', body: '  您好，我们正在核实您的订单。  ' })).resolves.toEqual(
      { queued: true },
    );

    expect(await replies(caseNo)).toEqual([{ channel: 'sms', body: '您好，我们正在核实您的订单。' }]);
    const comm = await world.deps.db
      .selectFrom('communications')
      .select(['member_uid', 'direction', 'author_id'])
      .executeTakeFirstOrThrow();
    expect(comm).toEqual({ member_uid: member.uid, direction: 'outbound', author_id: agent.id });
  });

  it('refuses a body together with a template (one form or the other), queueing nothing', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    const before = await nothingChanged();
    const mixed = { caseNo, channel: 'sms', body: '您好', templateCode: 'approval', locale: 'zh-CN' } as unknown as {
      caseNo: string;
      channel: 'sms';
      body: string;
    };
    expect(await codeOf(callerFor(world, agent).comms.send(mixed))).toBe('BAD_REQUEST');
    expect(await nothingChanged()).toEqual(before);
  });
});
