import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../server/comms/deliver-outbox';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { insertMember, insertOrder, insertUsage } from '../support/factories';
import { worldWithPlansEachTest } from '../support/world';
import { approveQuote, caseInput } from './cases-support';

let world: TestWorld;
worldWithPlansEachTest('2026-11-10T07:00:00.000Z', (w) => (world = w));

describe('a mistaken purchase, from case to refund', () => {
  it('opens, quotes in full, approves within the limit, pays once and tells the member', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const m = await insertMember(db, { nickname: '小鱼干' });
    const order = await insertOrder(db, m.uid, { plan_code: 'auto_month', paid_at: '2026-11-08T02:00:00.000Z' });
    await db
      .insertInto('subscriptions')
      .values({
        member_uid: m.uid,
        plan_code: 'auto_month',
        status: 'active',
        started_at: '2026-11-08T02:00:00.000Z',
        next_charge_at: '2026-12-08T02:00:00.000Z',
        cancelled_at: null,
        cancelled_by: null,
      })
      .execute();
    const api = callerFor(world, agent);

    const { caseNo } = await api.cases.create(caseInput(order.order_no, { statement: '误购了，没用过' }));
    expect(caseNo).toMatch(/^RC20261110\d{5}$/);
    const quote = await api.cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(quote).toMatchObject({ outcome: 'full', reasonCode: 'full_unused', amountFen: 1500, needsSupervisor: false });

    const result = await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'key-0001-abc' });
    expect(result).toMatchObject({ status: 'refunded', refund: { amountFen: 1500, status: 'succeeded' } });

    const after = await db
      .selectFrom('orders')
      .select(['refunded_fen', 'status', 'open_case_no'])
      .where('order_no', '=', order.order_no)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ refunded_fen: 1500, status: 'refunded', open_case_no: null });
    const ent = await db.selectFrom('entitlements').select('revoked_at').where('order_no', '=', order.order_no).executeTakeFirstOrThrow();
    expect(ent.revoked_at).toBe('2026-11-10T07:00:00.000Z');
    const sub = await db.selectFrom('subscriptions').select(['status', 'cancelled_by']).executeTakeFirstOrThrow();
    expect(sub).toEqual({ status: 'cancelled', cancelled_by: agent.username });

    // a replay returns the same answer; another key on a paid case is a conflict
    await expect(api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'key-0001-abc' })).resolves.toEqual(result);
    await expect(api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'key-0002-abc' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await db.selectFrom('refunds').selectAll().execute()).toHaveLength(1);

    // the member hears of each event once, by in-app message and SMS: the approval (with when it
    // arrives), auto-renew turned off, and the arrival
    await deliverOutbox(db, world.sender, world.deps.now);
    await deliverOutbox(db, world.sender, world.deps.now);
    expect(world.sender.sent.map((s) => s.channel).sort()).toEqual([
      'in_app_message',
      'in_app_message',
      'in_app_message',
      'sms',
      'sms',
      'sms',
    ]);
    const sms = world.sender.sent.filter((s) => s.channel === 'sms').map((s) => s.body);
    expect(sms[0]).toContain('自动续费已关闭');
    expect(sms[1]).toMatch(/退款申请已通过，¥15\.00 将退回至支付宝，预计几分钟内到账/);
    expect(sms[2]).toMatch(/退款 ¥15\.00 已退回至支付宝/);

    const page = await api.cases.get({ caseNo });
    expect(page.case).toMatchObject({ status: 'refunded', assignee: agent.username });
    expect(page.refunds).toHaveLength(1);
    expect(page.communications.filter((c) => c.direction === 'outbound')).toHaveLength(6);
    expect(page.decisions.map((d) => d.action)).toEqual(['approve', 'payment_succeeded']);
  });

  it('an agent proposes above the limit and a supervisor approves; the proposer cannot', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const sup = await createStaff(world, { role: 'supervisor' });
    const sup2 = await createStaff(world, { role: 'supervisor' });
    const m = await insertMember(db);
    const order = await insertOrder(db, m.uid, {
      plan_code: 'std_year',
      paid_at: '2026-08-01T02:00:00.000Z',
      activated_at: '2026-08-02T02:00:00.000Z',
    });
    await insertUsage(db, order.order_no, [{ at: '2026-08-03T02:00:00.000Z' }]);
    const { caseNo } = await callerFor(world, agent).cases.create(
      caseInput(order.order_no, { channel: 'phone', reason: 'dissatisfied', requested: 'prorated', statement: '不满意' }),
    );
    const quote = await callerFor(world, agent).cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(quote.outcome).toBe('prorated');
    expect(quote.amountFen).toBeGreaterThan(10000);
    expect(quote.needsSupervisor).toBe(true);
    await expect(approveQuote(world, agent, caseNo, quote, 'agent-try-1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await callerFor(world, sup).cases.propose({ caseNo, quoteId: quote.quoteId, note: '年卡按天折算' });
    await expect(approveQuote(world, sup, caseNo, quote, 'sup-own-1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const r = await approveQuote(world, sup2, caseNo, quote, 'sup2-key-1');
    expect(r.status).toBe('refunded');
    expect(r.refund.amountFen).toBe(quote.amountFen);
  });
});
