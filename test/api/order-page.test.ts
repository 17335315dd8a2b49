import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createStaff, createTestWorld, type TestWorld } from '../support/test-db';
import { insertMember, insertOrder, insertPlans, insertUsage } from '../support/factories';

let world: TestWorld;
let agent: Awaited<ReturnType<typeof createStaff>>;
let original: string;
let duplicate: string;

beforeAll(async () => {
  world = await createTestWorld({ now: '2026-11-20T04:00:00.000Z' });
  const db = world.deps.db;
  await insertPlans(db);
  agent = await createStaff(world, { role: 'agent' });
  const m = await insertMember(db, { uid: '38291045', nickname: '张伟', phone: '13812345678', email: 'zhang.wei@example.com' });
  original = (await insertOrder(db, m.uid, { paid_at: '2026-11-01T02:00:00.000Z', activated_at: '2026-11-01T02:00:00.000Z' })).order_no;
  duplicate = (
    await insertOrder(db, m.uid, { paid_at: '2026-11-01T02:03:00.000Z', anomaly: 'duplicate_charge', related_order_no: original })
  ).order_no;
  // 2,500 events over ten local days: the 1st to the 10th of November, Shanghai time
  const events = Array.from({ length: 2500 }, (_, i) => ({
    at: new Date(Date.parse('2026-10-31T16:30:00.000Z') + (i % 10) * 86_400_000 + i * 1000).toISOString(),
    kind: (['login', 'playback', 'playback', 'perk_redemption'] as const)[i % 4],
    valueFen: i % 4 === 3 ? 100 : undefined,
  }));
  await insertUsage(db, original, events);
});
afterAll(() => world.cleanup());

describe('orders.get', () => {
  it('says what the policy would refund today, not paid − refunded, on an expired fully used order (issue 18 item 3)', async () => {
    const m = await insertMember(world.deps.db);
    const used = await insertOrder(world.deps.db, m.uid, { paid_at: '2026-09-01T02:00:00.000Z', activated_at: '2026-09-01T03:00:00.000Z' });
    const page = await callerFor(world, agent).orders.get({ orderNo: used.order_no });
    expect(page.order.paidFen - page.order.refundedFen).toBe(2500);
    expect(page.order.policyToday).toEqual({ outcome: 'none', reasonCode: 'fully_used', amountFen: 0, usedDays: 30, totalDays: 30 });
    const fresh = await callerFor(world, agent).orders.get({ orderNo: duplicate });
    expect(fresh.order.policyToday).toMatchObject({ outcome: 'full', reasonCode: 'duplicate_charge', amountFen: 2500 });
  });

  it('shows the order, its member masked, entitlement, days used and related orders', async () => {
    const page = await callerFor(world, agent).orders.get({ orderNo: original });
    expect(page.order).toMatchObject({
      orderNo: original,
      activatedAt: '2026-11-01T02:00:00.000Z',
      durationDays: 30,
      platform: 'app_android',
      transactionId: expect.any(String),
      entitlement: { startsAt: '2026-11-01T02:00:00.000Z', revokedAt: null },
      usedDaysSoFar: 20,
    });
    expect(page.member).toMatchObject({ uid: '38291045', phoneMasked: '138****5678', emailMasked: 'z***@example.com' });
    expect(JSON.stringify(page)).not.toContain('13812345678');
    expect(JSON.stringify(page)).not.toContain('zhang.wei@');
    expect(page.relatedOrders[0]).toMatchObject({ orderNo: duplicate, linked: true, anomaly: 'duplicate_charge' });
  });
  it('summarises usage per local day for the chart', async () => {
    const { usage } = await callerFor(world, agent).orders.get({ orderNo: original });
    expect(usage.total).toBe(2500);
    expect(usage.activeDays).toBe(10);
    expect(usage.daily[0]?.date).toBe('2026-11-01');
    expect(usage.byKind.perk_redemption).toEqual({ count: 625, valueFen: 62500 });
  });
  it('shows the original beside its duplicate', async () => {
    const page = await callerFor(world, agent).orders.get({ orderNo: duplicate });
    expect(page.order.relatedOrderNo).toBe(original);
    expect(page.relatedOrders[0]).toMatchObject({ orderNo: original, linked: true });
  });
  it('answers NOT_FOUND for an unknown order', async () => {
    await expect(callerFor(world, agent).orders.get({ orderNo: 'KM209901010000001' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('orders.usage', () => {
  it('pages the log by keyset with no duplicates or gaps', async () => {
    const seen = new Set<number>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<ReturnType<typeof callerFor>['orders']['usage']>> = await callerFor(world, agent).orders.usage({
        orderNo: original,
        limit: 300,
        cursor,
      });
      for (const item of page.items) seen.add(item.id);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(2500);
    expect(pages).toBe(9);
  });
  it('filters by kind and by time', async () => {
    const perks = await callerFor(world, agent).orders.usage({ orderNo: original, kind: 'perk_redemption', limit: 1000 });
    expect(perks.items).toHaveLength(625);
    expect(perks.items.every((i) => i.kind === 'perk_redemption' && i.valueFen === 100)).toBe(true);
    const day = await callerFor(world, agent).orders.usage({
      orderNo: original,
      from: '2026-11-01T16:00:00.000Z',
      to: '2026-11-02T15:59:59.999Z',
      limit: 1000,
    });
    expect(day.items).toHaveLength(250);
  });
});

describe('members.reveal', () => {
  it('reveals a phone with a reason and audits it in the same breath', async () => {
    const r = await callerFor(world, agent).members.reveal({ uid: '38291045', field: 'phone', reason: '会员来电核实身份' });
    expect(r).toEqual({ value: '13812345678' });
    const events = await world.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'member.reveal').execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_username: agent.username, entity_id: '38291045', reason: '会员来电核实身份' });
    expect(events[0]?.after).toBe(JSON.stringify({ field: 'phone' }));
  });
  it('needs a reason, and changes nothing without one', async () => {
    const before = await world.deps.db
      .selectFrom('audit_events')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirst();
    await expect(callerFor(world, agent).members.reveal({ uid: '38291045', field: 'email', reason: ' ' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const after = await world.deps.db
      .selectFrom('audit_events')
      .select(({ fn }) => fn.countAll().as('n'))
      .executeTakeFirst();
    expect(after).toEqual(before);
  });
  it('is not for auditors, who stay read-only', async () => {
    const auditor = await createStaff(world, { role: 'auditor' });
    await expect(
      callerFor(world, auditor).members.reveal({ uid: '38291045', field: 'phone', reason: 'curious about it' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
