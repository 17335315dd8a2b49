import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createStaff, createTestWorld, type TestWorld } from '../support/test-db';
import { insertMember, insertOrder, insertPlans } from '../support/factories';

let world: TestWorld;
let agent: Awaited<ReturnType<typeof createStaff>>;
let zhang: Awaited<ReturnType<typeof insertMember>>;
let li: Awaited<ReturnType<typeof insertMember>>;
const orders = { a: '', b: '', c: '', d: '', e: '' }; // order numbers, filled in beforeAll

beforeAll(async () => {
  world = await createTestWorld();
  const db = world.deps.db;
  await insertPlans(db);
  agent = await createStaff(world, { role: 'agent' });
  zhang = await insertMember(db, { uid: '38291045', nickname: '张伟', phone: '13812345678', email: 'zhang.wei@example.com' });
  li = await insertMember(db, { uid: '40012345', nickname: '追番少女', phone: '13987650001', email: 'li@qq.com' });
  const kiki = await insertMember(db, { uid: '40099999', nickname: 'kiki_2024', phone: '15000002222', email: null });
  orders.a = (await insertOrder(db, zhang.uid, { paid_at: '2026-11-01T02:00:00.000Z' })).order_no;
  orders.b = (
    await insertOrder(db, zhang.uid, {
      paid_at: '2026-11-05T02:00:00.000Z',
      plan_code: 'std_year',
      payment_channel: 'wechat_pay',
      platform: 'app_ios',
    })
  ).order_no;
  orders.c = (
    await insertOrder(db, li.uid, {
      paid_at: '2026-11-06T02:00:00.000Z',
      plan_code: 'promo_month',
      transaction_id: '4200001234202611060000999',
    })
  ).order_no;
  orders.d = (await insertOrder(db, li.uid, { paid_at: null, plan_code: 'auto_month', created_at: '2026-11-07T02:00:00.000Z' })).order_no;
  orders.e = (
    await insertOrder(db, kiki.uid, {
      paid_at: '2026-11-08T02:00:00.000Z',
      plan_code: 'cobrand_month',
      open_case_no: 'RC2026110800001',
      anomaly: 'duplicate_charge',
    })
  ).order_no;
});
afterAll(() => world.cleanup());

const search = (input: Parameters<ReturnType<typeof callerFor>['orders']['search']>[0]) => callerFor(world, agent).orders.search(input);
const nos = (r: { items: { orderNo: string }[] }) => r.items.map((i) => i.orderNo);

describe('orders.search: one box', () => {
  it('finds an order by its number, in any letter case', async () => {
    expect(nos(await search({ q: orders.a }))).toEqual([orders.a]);
    expect(nos(await search({ q: orders.a.toLowerCase() }))).toEqual([orders.a]);
  });
  it('finds a member’s orders by uid, newest first', async () => {
    expect(nos(await search({ q: '38291045' }))).toEqual([orders.b, orders.a]);
  });
  it('finds by whole phone, with or without +86 and spaces', async () => {
    expect(nos(await search({ q: '13812345678' }))).toEqual([orders.b, orders.a]);
    expect(nos(await search({ q: '+86 138 1234 5678' }))).toEqual([orders.b, orders.a]);
  });
  it('finds by the last four digits of a phone', async () => {
    expect(nos(await search({ q: '0001' }))).toEqual([orders.d, orders.c]);
  });
  it('finds by e-mail, ignoring case', async () => {
    expect(nos(await search({ q: 'Zhang.Wei@Example.com' }))).toEqual([orders.b, orders.a]);
  });
  it('finds by payment transaction id', async () => {
    expect(nos(await search({ q: '4200001234202611060000999' }))).toEqual([orders.c]);
  });
  it('finds by part of a Chinese nickname: one, two and three characters', async () => {
    expect(nos(await search({ q: '张' }))).toEqual([orders.b, orders.a]);
    expect(nos(await search({ q: '张伟' }))).toEqual([orders.b, orders.a]);
    expect(nos(await search({ q: '番少' }))).toEqual([orders.d, orders.c]);
    expect(nos(await search({ q: '追番少' }))).toEqual([orders.d, orders.c]);
  });
  it('finds by part of a latin nickname, ignoring case', async () => {
    expect(nos(await search({ q: 'KIKI' }))).toEqual([orders.e]);
    expect(nos(await search({ q: 'ki' }))).toEqual([orders.e]);
  });
  it('answers an empty list, not an error, when nothing matches', async () => {
    expect(await search({ q: '不存在的人' })).toEqual({ items: [], nextCursor: null });
    expect(await search({ q: 'KM209901010000001' })).toEqual({ items: [], nextCursor: null });
  });
  it('treats quotes and SQL in the box as text', async () => {
    expect((await search({ q: `"' or 1=1 --` })).items).toEqual([]);
    expect((await search({ q: '"' })).items).toEqual([]);
  });
});

describe('orders.search: filters', () => {
  it('filters by status, tier, plan, channel, platform', async () => {
    expect(nos(await search({ status: 'payment_failed' }))).toEqual([orders.d]);
    expect(nos(await search({ tier: 'promo' }))).toEqual([orders.c]);
    expect(nos(await search({ planCode: 'std_year' }))).toEqual([orders.b]);
    expect(nos(await search({ paymentChannel: 'wechat_pay' }))).toEqual([orders.b]);
    expect(nos(await search({ platform: 'app_ios' }))).toEqual([orders.b]);
  });
  it('filters by paid date range and amount range', async () => {
    expect(nos(await search({ from: '2026-11-05T00:00:00.000Z', to: '2026-11-06T23:59:59.000Z' }))).toEqual([orders.c, orders.b]);
    expect(nos(await search({ minFen: 2500, maxFen: 3000 }))).toEqual([orders.e, orders.a]);
  });
  it('filters by open case and by auto-renew plan', async () => {
    expect(nos(await search({ hasOpenCase: true }))).toEqual([orders.e]);
    expect(nos(await search({ hasOpenCase: false }))).not.toContain(orders.e);
    expect(nos(await search({ autoRenew: true }))).toEqual([orders.d]);
  });
  it('combines the box with filters', async () => {
    expect(nos(await search({ q: '张伟', planCode: 'std_month' }))).toEqual([orders.a]);
  });
  it('answers each search with its own values when the same kind of search runs again', async () => {
    // Searches of one shape share their SQL (server/db/shaped-query.ts); the values must not.
    expect(nos(await search({ q: orders.a }))).toEqual([orders.a]);
    expect(nos(await search({ q: orders.c }))).toEqual([orders.c]);
    expect(nos(await search({ q: '张伟', planCode: 'std_month' }))).toEqual([orders.a]);
    expect(nos(await search({ q: '追番', planCode: 'promo_month' }))).toEqual([orders.c]);
    expect(nos(await search({ status: 'payment_failed', minFen: 0, maxFen: 100_000 }))).toEqual([orders.d]);
    expect(nos(await search({ status: 'paid', minFen: 2500, maxFen: 3000 }))).toEqual([orders.e, orders.a]);
    expect(nos(await search({ autoRenew: true }))).toEqual([orders.d]);
    expect(nos(await search({ autoRenew: false }))).not.toContain(orders.d);
  });
  it('returns the row fields of the API contract', async () => {
    const [row] = (await search({ q: orders.e })).items;
    expect(row).toMatchObject({
      orderNo: orders.e,
      memberUid: '40099999',
      nickname: 'kiki_2024',
      planCode: 'cobrand_month',
      tier: 'cobrand',
      paidFen: 3000,
      refundedFen: 0,
      status: 'paid',
      paidAt: '2026-11-08T02:00:00.000Z',
      paymentChannel: 'alipay',
      anomaly: 'duplicate_charge',
      openCaseNo: 'RC2026110800001',
    });
  });
  it('rejects bad filters with BAD_REQUEST', async () => {
    // @ts-expect-error invalid on purpose
    await expect(search({ status: 'lost' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(search({ minFen: 500, maxFen: 100 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(search({ limit: 201 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(search({ from: 'yesterday' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(search({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('orders.search: paging', () => {
  it('pages with no duplicates and no gaps, in both sorts and directions', async () => {
    const all = nos(await search({ limit: 200 }));
    expect(all).toHaveLength(5);
    for (const sort of ['paidAt', 'paidFen'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof search>> = await search({ sort, dir, limit: 2, cursor });
          seen.push(...nos(page));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size).toBe(5);
        expect(seen.sort()).toEqual([...all].sort());
      }
    }
  });
  it('sorts by amount on the server', async () => {
    const fen = (await search({ sort: 'paidFen', dir: 'desc' })).items.map((i) => i.paidFen);
    expect(fen).toEqual([...fen].sort((a, b) => b - a));
  });
});

describe('orders.search: permissions', () => {
  it('needs a session, and admins have no access to orders', async () => {
    await expect(callerFor(world, null).orders.search({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const admin = await createStaff(world, { role: 'admin' });
    await expect(callerFor(world, admin).orders.search({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const auditor = await createStaff(world, { role: 'auditor' });
    await expect(callerFor(world, auditor).orders.search({})).resolves.toBeTruthy();
  });
});
