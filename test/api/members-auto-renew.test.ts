import { describe, expect, it } from 'vitest';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { agentQuotedCase, approveQuote, codeOf, countRows, orderWithMember } from './cases-support';
import { worldWithPlansEachTest } from '../support/world';

let world: TestWorld;
worldWithPlansEachTest('2026-11-20T04:00:00.000Z', (w) => (world = w));

const autoMonth = { plan_code: 'auto_month', paid_at: '2026-11-18T02:00:00.000Z' } as const;

async function everything() {
  const db = world.deps.db;
  return {
    subscriptions: await db.selectFrom('subscriptions').selectAll().orderBy('id').execute(),
    audit: await countRows(db, 'audit_events'),
    outbox: await countRows(db, 'outbox'),
    communications: await countRows(db, 'communications'),
  };
}

describe('members.cancelAutoRenew', () => {
  it('cancels the member’s active auto-renew without a refund, audits it with the reason and tells the member by SMS and in-app message', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const { member, order } = await orderWithMember(world, autoMonth, { autoRenew: true });

    await expect(
      callerFor(world, agent).members.cancelAutoRenew({ uid: member.uid, planCode: 'auto_month', reason: '  会员来电只想停止下次扣款  ' }),
    ).resolves.toEqual({
      cancelled: 1,
    });

    const sub = await db
      .selectFrom('subscriptions')
      .select(['id', 'status', 'cancelled_by', 'cancelled_at', 'next_charge_at'])
      .executeTakeFirstOrThrow();
    expect(sub).toMatchObject({
      status: 'cancelled',
      cancelled_by: agent.username,
      cancelled_at: world.clock.now.toISOString(),
      next_charge_at: null,
    });
    const audit = await db.selectFrom('audit_events').select(['action', 'entity_type', 'entity_id', 'reason', 'actor_username']).execute();
    expect(audit).toEqual([
      {
        action: 'subscription.cancel',
        entity_type: 'subscription',
        entity_id: String(sub.id),
        reason: '会员来电只想停止下次扣款',
        actor_username: agent.username,
      },
    ]);
    // no refund: the order and its entitlement are untouched
    expect(await countRows(db, 'refunds')).toBe(0);
    const o = await db
      .selectFrom('orders')
      .select(['refunded_fen', 'status'])
      .where('order_no', '=', order.order_no)
      .executeTakeFirstOrThrow();
    expect(o).toEqual({ refunded_fen: 0, status: 'paid' });

    const outbox = await db.selectFrom('outbox').select(['channel', 'member_uid', 'body', 'dedupe_key']).orderBy('channel').execute();
    expect(outbox.map((m) => m.channel)).toEqual(['in_app_message', 'sms']);
    for (const m of outbox) {
      expect(m.member_uid).toBe(member.uid);
      expect(m.body).toContain(member.nickname);
      expect(m.body).toContain('连续包月');
      expect(m.body).toContain('自动续费已关闭');
      expect(m.body).not.toMatch(/\{\{/);
    }
    const comms = await db.selectFrom('communications').select(['case_no', 'direction', 'author_id']).execute();
    expect(comms).toEqual([
      { case_no: null, direction: 'outbound', author_id: agent.id },
      { case_no: null, direction: 'outbound', author_id: agent.id },
    ]);
  });

  it('refuses an unknown member (NOT_FOUND) and a member with no active auto-renew on that plan (PRECONDITION_FAILED), changing nothing', async () => {
    const agent = await createStaff(world, { role: 'supervisor' });
    const api = callerFor(world, agent);
    const { member } = await orderWithMember(world, autoMonth, { autoRenew: true });
    const { member: plain } = await orderWithMember(world, { plan_code: 'std_month' });
    const before = await everything();

    expect(await codeOf(api.members.cancelAutoRenew({ uid: '99999999', planCode: 'auto_month', reason: '会员要求关闭' }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(api.members.cancelAutoRenew({ uid: plain.uid, planCode: 'auto_month', reason: '会员要求关闭' }))).toBe(
      'PRECONDITION_FAILED',
    );
    expect(await codeOf(api.members.cancelAutoRenew({ uid: member.uid, planCode: 'std_month', reason: '会员要求关闭' }))).toBe(
      'PRECONDITION_FAILED',
    );
    await expect(api.members.cancelAutoRenew({ uid: plain.uid, planCode: 'auto_month', reason: '会员要求关闭' })).rejects.toThrow(
      /no active auto-renew/,
    );
    expect(await everything()).toEqual(before);

    // a second cancellation finds nothing active and tells nobody again
    await api.members.cancelAutoRenew({ uid: member.uid, planCode: 'auto_month', reason: '会员要求关闭' });
    const once = await everything();
    expect(await codeOf(api.members.cancelAutoRenew({ uid: member.uid, planCode: 'auto_month', reason: '再关一次' }))).toBe(
      'PRECONDITION_FAILED',
    );
    expect(await everything()).toEqual(once);
  });

  it('refuses a reason shorter than 4 characters after trimming, changing nothing', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { member } = await orderWithMember(world, autoMonth, { autoRenew: true });
    const before = await everything();
    expect(
      await codeOf(callerFor(world, agent).members.cancelAutoRenew({ uid: member.uid, planCode: 'auto_month', reason: '  关闭  ' })),
    ).toBe('BAD_REQUEST');
    expect(await everything()).toEqual(before);
  });

  it('is FORBIDDEN to auditors and admins, changing nothing', async () => {
    const { member } = await orderWithMember(world, autoMonth, { autoRenew: true });
    const before = await everything();
    for (const role of ['auditor', 'admin'] as const) {
      const staff = await createStaff(world, { role });
      expect(
        await codeOf(callerFor(world, staff).members.cancelAutoRenew({ uid: member.uid, planCode: 'auto_month', reason: '会员要求关闭' })),
      ).toBe('FORBIDDEN');
    }
    expect(await everything()).toEqual(before);
  });
});

describe('a refund that cancels auto-renew', () => {
  it('tells the member once, on the case, though approval and settlement both turn auto-renew off', async () => {
    const db = world.deps.db;
    const { agent, member, caseNo, quote } = await agentQuotedCase(world, autoMonth, { autoRenew: true });

    await approveQuote(world, agent, caseNo, quote, 'auto-renew-told-1');

    const told = await db
      .selectFrom('outbox')
      .innerJoin('communications', 'communications.id', 'outbox.communication_id')
      .select(['outbox.channel', 'outbox.body', 'communications.case_no'])
      .where('outbox.body', 'like', '%自动续费已关闭%')
      .orderBy('outbox.channel')
      .execute();
    expect(told).toEqual([
      { channel: 'in_app_message', body: expect.stringContaining('连续包月'), case_no: caseNo },
      { channel: 'sms', body: expect.stringContaining('连续包月'), case_no: caseNo },
    ]);
    expect(await db.selectFrom('subscriptions').select('status').where('member_uid', '=', member.uid).executeTakeFirstOrThrow()).toEqual({
      status: 'cancelled',
    });
  });

  it('tells nobody about auto-renew when the member had none', async () => {
    const db = world.deps.db;
    const { agent, caseNo, quote } = await agentQuotedCase(world, { plan_code: 'std_month', paid_at: '2026-11-18T02:00:00.000Z' });
    await approveQuote(world, agent, caseNo, quote, 'no-auto-renew-1');
    const bodies = await db.selectFrom('outbox').select('body').execute();
    expect(bodies.some((b) => b.body.includes('自动续费'))).toBe(false);
  });
});
