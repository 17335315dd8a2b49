import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMember, insertOrder, insertPlans } from '../support/factories';
import { callerFor, createStaff, createTestWorld, type TestWorld } from '../support/test-db';

// A 1–2 character fragment that a thousand or more members share (快乐) is served by walking the
// orders in page order rather than by collecting every match (server/orders/search-orders.ts).
// Whatever the path, the answer must be the same: every matching order once, in the page order,
// and nothing else.

let world: TestWorld;
let agent: Awaited<ReturnType<typeof createStaff>>;
const MEMBERS = 1_200;
// 1,050 members hold 快乐 (above the 1,000 that make it common); 150 hold 开心 instead.
const holds = (i: number) => i % 8 !== 0;

beforeAll(async () => {
  world = await createTestWorld();
  const db = world.deps.db;
  await insertPlans(db);
  agent = await createStaff(world, { role: 'agent' });
  await sql`begin`.execute(db);
  for (let i = 0; i < MEMBERS; i++) {
    const member = await insertMember(db, { nickname: holds(i) ? `快乐${i}` : `开心${i}` });
    // two orders each, paid at minutes that collide across members (ties on the sort key)
    await insertOrder(db, member.uid, { paid_at: new Date(Date.UTC(2026, 10, 1, 2, i % 97)).toISOString() });
    await insertOrder(db, member.uid, { paid_at: new Date(Date.UTC(2026, 10, 2, 2, i % 89)).toISOString(), plan_code: 'std_year' });
  }
  await sql`commit`.execute(db);
});
afterAll(() => world.cleanup());

const api = () => callerFor(world, agent);

async function allPages(input: { q: string; sort?: 'paidAt' | 'paidFen'; dir?: 'asc' | 'desc'; limit: number }) {
  const seen: string[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await api().orders.search({ ...input, cursor });
    seen.push(...page.items.map((i) => i.orderNo));
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

async function expected(gram: string, sort: 'sort_at' | 'paid_fen', dir: 'asc' | 'desc') {
  const rows = await sql<{ order_no: string }>`
    select o.order_no from orders o
    where o.member_uid in (select member_uid from member_name_grams where gram = ${gram})
    order by ${sql.ref(`o.${sort}`)} ${sql.raw(dir)}, o.order_no ${sql.raw(dir)}`.execute(world.deps.db);
  return rows.rows.map((r) => r.order_no);
}

describe('orders.search by a common 1–2 character fragment', () => {
  it('finds every order of every member whose nickname holds it, once each, in page order', async () => {
    const want = await expected('快乐', 'sort_at', 'desc');
    expect(want).toHaveLength(1_050 * 2);
    expect(await allPages({ q: '快乐', limit: 50 })).toEqual(want);
  });

  it('pages the same way sorted by amount, ascending, and for a single character', async () => {
    expect(await allPages({ q: '快乐', sort: 'paidFen', dir: 'asc', limit: 200 })).toEqual(await expected('快乐', 'paid_fen', 'asc'));
    expect(await allPages({ q: '乐', limit: 200 })).toEqual(await expected('乐', 'sort_at', 'desc'));
  });
});
