import { describe, expect, it } from 'vitest';
import { templateRows } from '../../server/seed/templates';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { agentQuotedCase, approveQuote, orderWithMember, quotedCase, refundsOf, unusedMonth, usedYear } from './cases-support';
import { worldWithPlansEachTest } from '../support/world';

// What the member is told, and when (docs/spec.md §4.7): each event an in-app message and an
// SMS through the outbox, once.

let world: TestWorld;
// Friday 2026-11-20, 12:00 in Shanghai
worldWithPlansEachTest('2026-11-20T04:00:00.000Z', (w) => (world = w));

/** The messages queued for the case, by event (the middle of the dedupe key). */
async function told(caseNo: string) {
  const rows = await world.deps.db
    .selectFrom('outbox')
    .select(['dedupe_key', 'channel', 'body'])
    .where('dedupe_key', 'like', `${caseNo}:%`)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    event: r.dedupe_key
      .split(':')[1]!
      .replace(/-\d+$/, '')
      .replace(/-v\d+$/, ''),
    channel: r.channel,
    body: r.body,
  }));
}

describe('on approval', () => {
  it.each([
    ['bcoin', '将退回至B币余额，即时到账', ['approve', 'approve', 'refund', 'refund']],
    ['alipay', '将退回至支付宝，预计几分钟内到账', ['approve', 'approve', 'refund', 'refund']],
    ['wechat_pay', '将退回至微信支付，预计几分钟内到账', ['approve', 'approve', 'refund', 'refund']],
    // a bank card settles days later: the approval is told now, the arrival when it settles
    ['bank_card', '将退回至银行卡，预计1–3个工作日到账', ['approve', 'approve']],
  ] as const)('tells the member the amount and when it arrives on %s', async (channel, wording, events) => {
    const { agent, order, caseNo, quote } = await agentQuotedCase(world, { ...unusedMonth, payment_channel: channel });

    await callerFor(world, agent).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: `approval-${channel}` });

    const messages = await told(caseNo);
    expect(messages.map((m) => m.event)).toEqual(events);
    const approval = messages.filter((m) => m.event === 'approve');
    expect(approval.map((m) => m.channel)).toEqual(['in_app_message', 'sms']);
    for (const m of approval) {
      expect(m.body).toContain('¥25.00');
      expect(m.body).toContain(order.order_no);
      expect(m.body).toContain(wording);
      expect(m.body).not.toMatch(/\{\{/);
    }
    if (channel === 'bcoin') expect(approval[0]!.body).not.toContain('工作日');
  });

  it('uses the template library’s wording when the library has it (B-coin at once, not in working days)', async () => {
    await world.deps.db.insertInto('message_templates').values(templateRows(world.clock.now.toISOString())).execute();
    const { agent, order, member, caseNo, quote } = await agentQuotedCase(world, { ...unusedMonth, payment_channel: 'bcoin' });

    await approveQuote(world, agent, caseNo, quote, 'library-bcoin');

    const [approval, , arrival] = await told(caseNo);
    expect(approval!.body).toBe(
      `${member.nickname}您好，您的订单 ${order.order_no} 退款申请已通过，¥25.00 将退回至B币余额，即时到账。感谢您的理解与支持。`,
    );
    expect(arrival!.body).toBe(`${member.nickname}您好，您的订单 ${order.order_no} 退款 ¥25.00 已退回至B币余额，请注意查收。`);
  });

  it('explains a prorated refund’s deduction: the used days of the total, refunded by the unused days', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const supervisor = await createStaff(world, { role: 'supervisor' });
    const { order } = await orderWithMember(world, usedYear);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    expect(quote.outcome).toBe('prorated');

    await approveQuote(world, supervisor, caseNo, quote, 'prorated-approval');

    const approval = (await told(caseNo)).filter((m) => m.event === 'approve');
    expect(approval).toHaveLength(2);
    for (const m of approval) {
      expect(m.body).toContain(`已使用${quote.usedDays}天/共${quote.totalDays}天，按未使用天数退款`);
      expect(m.body).toContain(`¥${(quote.amountFen / 100).toFixed(2)}`);
    }
  });

  it('is told once: a replay of the approval queues nothing more', async () => {
    const { agent, caseNo, quote } = await agentQuotedCase(world);
    const api = callerFor(world, agent);
    await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'told-once-1' });
    const first = await told(caseNo);
    await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'told-once-1' });
    expect(await told(caseNo)).toEqual(first);
  });
});

describe('on arrival', () => {
  it('tells the member when the refund settles, not before', async () => {
    const { agent, order, caseNo, quote } = await agentQuotedCase(world, { ...unusedMonth, payment_channel: 'alipay' });
    await approveQuote(world, agent, caseNo, quote, 'arrival-1');

    const [refund] = await refundsOf(world.deps.db, order.order_no);
    expect(refund!.status).toBe('succeeded');
    const arrival = (await told(caseNo)).filter((m) => m.event === 'refund');
    expect(arrival.map((m) => m.channel)).toEqual(['in_app_message', 'sms']);
    for (const m of arrival) expect(m.body).toContain('退款 ¥25.00 已退回至支付宝');
  });
});

describe('on a reopening', () => {
  it('tells the member the appeal is being reviewed again, with the new deadline', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order, member } = await orderWithMember(world, { plan_code: 'std_month', paid_at: '2026-10-01T02:00:00.000Z' });
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    const api = callerFor(world, agent);
    await api.cases.reject({ caseNo, reasonCode: 'outside_window', message: '已超过7天无理由退款期限。' });

    await expect(api.cases.reopen({ caseNo, note: '会员申诉' })).resolves.toEqual({ status: 'reopened' });

    const messages = await told(caseNo);
    expect(messages.map((m) => `${m.event}/${m.channel}`)).toEqual([
      'reject/in_app_message',
      'reject/sms',
      'reopen/in_app_message',
      'reopen/sms',
    ]);
    const kase = await api.cases.get({ caseNo });
    const deadline = new Date(Date.parse(kase.case.slaDueAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const m of messages.slice(2)) {
      expect(m.body).toContain(member.nickname);
      expect(m.body).toContain(caseNo);
      expect(m.body).toContain(deadline);
      expect(m.body).not.toMatch(/\{\{/);
    }
  });
});
