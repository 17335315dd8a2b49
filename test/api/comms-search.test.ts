import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commsSearchQuery } from '../../server/comms/search-comms';
import { seedDatabase } from '../../server/seed/seed-database';
import { commsListInput } from '../../shared/schemas/comms';
import { insertMember, insertOrder, insertPlans } from '../support/factories';
import { callerFor, createStaff, createTestWorld, type TestWorld } from '../support/test-db';

// The communications search behind the /comms screen: every script, every filter, keyset pages
// that neither repeat nor skip, and short Chinese queries served by an index, not a scan.

let world: TestWorld;
let agent: Awaited<ReturnType<typeof createStaff>>;
let other: Awaited<ReturnType<typeof createStaff>>;
let api: ReturnType<typeof callerFor>;
let memberA: string;
let memberB: string;
let caseA: string;
let caseB: string;
const ids: Record<string, number> = {};

type Api = ReturnType<typeof callerFor>;
type ListInput = Parameters<Api['comms']['list']>[0];

/** Every page of a search, following nextCursor; the ids in the order they came. */
async function allPages(caller: Api, input: ListInput, limit: number): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: Awaited<ReturnType<Api['comms']['list']>> = await caller.comms.list({ ...input, limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((c) => c.commId));
    cursor = page.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('too many pages');
}

/** The ids the database holds that a search should return, newest first. */
async function expected(
  where: (row: { id: number; body: string; channel: string; case_no: string | null; created_at: string }) => boolean,
) {
  const rows = await world.deps.db.selectFrom('communications').select(['id', 'body', 'channel', 'case_no', 'created_at']).execute();
  return rows
    .filter(where)
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
    .map((r) => r.id);
}

beforeAll(async () => {
  world = await createTestWorld({ now: '2026-11-10T07:00:00.000Z' });
  const db = world.deps.db;
  await insertPlans(db);
  agent = await createStaff(world, { role: 'agent', username: 'agent_a' });
  other = await createStaff(world, { role: 'agent', username: 'agent_b' });
  api = callerFor(world, agent);
  memberA = (await insertMember(db, { nickname: '王芳' })).uid;
  memberB = (await insertMember(db, { nickname: 'kiki_2024' })).uid;
  const orderA = await insertOrder(db, memberA);
  const orderB = await insertOrder(db, memberB);
  caseA = (
    await api.cases.create({ orderNo: orderA.order_no, channel: 'phone', reason: 'mistaken_purchase', requested: 'full', statement: '' })
  ).caseNo;
  caseB = (
    await callerFor(world, other).cases.create({
      orderNo: orderB.order_no,
      channel: 'email',
      reason: 'unused',
      requested: 'full',
      statement: '',
    })
  ).caseNo;

  // A few messages with known words, a minute apart.
  const log = async (key: string, who: Api, input: Parameters<Api['comms']['log']>[0]) => {
    world.clock.advance(60_000);
    ids[key] = (await who.comms.log(input)).commId;
  };
  await log('call', api, {
    caseNo: caseA,
    memberUid: memberA,
    direction: 'inbound',
    channel: 'phone',
    body: '会员来电，说误购了年卡，要求退款',
    durationSec: 185,
  });
  await log('chat', api, {
    caseNo: caseA,
    memberUid: memberA,
    direction: 'outbound',
    channel: 'online_chat',
    body: '已告知会员退款将原路退回',
  });
  await log('note', api, { caseNo: caseA, memberUid: memberA, direction: 'note', channel: 'phone', body: '核对了支付流水，无异常' });
  await log('email', callerFor(world, other), {
    caseNo: caseB,
    memberUid: memberB,
    direction: 'inbound',
    channel: 'email',
    body: 'Member asked for a Refund by email, OK to call back',
  });
  await log('loose', callerFor(world, other), { memberUid: memberB, direction: 'note', channel: 'email', body: 'Ok, no case yet' });
  world.clock.advance(60_000);
  await api.comms.send({ caseNo: caseA, channel: 'sms', body: '【卡盟会员】王芳您好，您的退款申请已受理。' });
  ids.sms = (await db.selectFrom('communications').select('id').where('channel', '=', 'sms').executeTakeFirstOrThrow()).id;

  // Bulk history for paging: 240 messages on both cases, several sharing a timestamp (the id
  // breaks the tie), in an order unrelated to their ids.
  const start = Date.parse('2026-10-01T00:00:00.000Z');
  const bodies = ['退款申请已受理', '会员来电询问退款进度', '申请退款：误购', '核对订单', 'please refund me'];
  const rows = Array.from({ length: 240 }, (_, i) => ({
    case_no: i % 3 === 0 ? caseB : caseA,
    member_uid: i % 3 === 0 ? memberB : memberA,
    direction: (['inbound', 'outbound', 'note'] as const)[i % 3]!,
    channel: (['phone', 'online_chat', 'email', 'sms', 'in_app_message'] as const)[i % 5]!,
    body: `${bodies[i % bodies.length]} #${i}`,
    duration_sec: null,
    author_id: i % 2 === 0 ? agent.id : other.id,
    delivery_status: null,
    created_at: new Date(start + ((i * 7919) % 120) * 3_600_000).toISOString(),
    edited_at: null,
  }));
  await db.insertInto('communications').values(rows).execute();
  world.database.sqlite.exec('analyze');
});
afterAll(() => world.cleanup());

describe('comms.list finds text', () => {
  it('finds a 2-character Chinese phrase, and a 1-character one', async () => {
    const older = await allPages(api, { q: '误购', to: '2026-11-01T00:00:00.000Z' }, 200);
    expect(older).toEqual(await expected((r) => r.body.includes('误购') && r.created_at < '2026-11-01'));
    expect(older).toHaveLength(48);
    expect((await api.comms.list({ q: '误购', from: '2026-11-01T00:00:00.000Z' })).items.map((c) => c.commId)).toEqual([ids.call]);
    expect((await api.comms.list({ q: '卡', from: '2026-11-01T00:00:00.000Z' })).items.map((c) => c.commId)).toEqual([ids.sms, ids.call]);
  });

  it('finds a phrase of 3 or more characters through the trigram index', async () => {
    expect((await api.comms.list({ q: '误购了年卡' })).items.map((c) => c.commId)).toEqual([ids.call]);
    expect((await api.comms.list({ q: '原路退回' })).items.map((c) => c.commId)).toEqual([ids.chat]);
  });

  it('finds English words whatever their case, short or long', async () => {
    expect((await api.comms.list({ q: 'refund by' })).items.map((c) => c.commId)).toEqual([ids.email]);
    expect((await api.comms.list({ q: 'REFUND BY' })).items.map((c) => c.commId)).toEqual([ids.email]);
    expect((await api.comms.list({ q: 'ok' })).items.map((c) => c.commId)).toEqual([ids.loose, ids.email]);
    expect((await api.comms.list({ q: 'OK', memberUid: memberB })).items.map((c) => c.commId)).toEqual([ids.loose, ids.email]);
  });

  it('treats LIKE and FTS syntax as plain text', async () => {
    expect((await api.comms.list({ q: '%' })).items).toEqual([]);
    expect((await api.comms.list({ q: '_' })).items).toEqual([]);
    expect((await api.comms.list({ q: '"退款' })).items).toEqual([]);
    expect((await api.comms.list({ q: 'a*' })).items).toEqual([]);
  });

  it('says who wrote it and how an outbound message was delivered', async () => {
    const [sms] = (await api.comms.list({ q: '受理', channel: 'sms', from: '2026-11-01T00:00:00.000Z' })).items;
    expect(sms).toMatchObject({
      commId: ids.sms,
      direction: 'outbound',
      deliveryStatus: 'pending',
      caseNo: caseA,
      memberUid: memberA,
      author: 'agent_a',
    });
    const [call] = (await api.comms.list({ q: '来电', caseNo: caseA, from: '2026-11-01T00:00:00.000Z' })).items;
    expect(call).toMatchObject({ commId: ids.call, durationSec: 185, deliveryStatus: null, authorName: agent.displayName });
  });
});

describe('comms.list filters', () => {
  it('narrows by channel, direction, author, dates, case and member, alone and with a query', async () => {
    const recent = { from: '2026-11-01T00:00:00.000Z' };
    const idsOf = async (input: ListInput) => (await api.comms.list({ ...recent, ...input })).items.map((c) => c.commId);
    expect(await idsOf({ channel: 'phone' })).toEqual([ids.note, ids.call]);
    expect(await idsOf({ direction: 'outbound' })).toEqual([ids.sms, ids.chat]);
    expect(await idsOf({ author: 'agent_b' })).toEqual([ids.loose, ids.email]);
    expect(await idsOf({ author: 'nobody' })).toEqual([]);
    expect(await idsOf({ caseNo: caseB })).toEqual([ids.email]);
    expect(await idsOf({ memberUid: memberB })).toEqual([ids.loose, ids.email]);
    expect(await idsOf({ q: '退款', direction: 'inbound' })).toEqual([ids.call]);
    expect(await idsOf({ q: '退款', caseNo: caseA, channel: 'online_chat' })).toEqual([ids.chat]);
    expect(
      await idsOf({ q: '会员', author: 'agent_a', to: new Date(Date.parse(world.clock.now.toISOString()) - 60_000).toISOString() }),
    ).toEqual([ids.chat, ids.call]);
  });

  it('refuses a range that ends before it starts, and a cursor that is not one', async () => {
    await expect(api.comms.list({ from: '2026-11-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(api.comms.list({ q: '退款', cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('comms.list pages', () => {
  type Row = { body: string; channel: string; case_no: string | null };
  const cases: [string, () => ListInput, (r: Row) => boolean][] = [
    ['everything', () => ({}), () => true],
    ['a 2-character query', () => ({ q: '退款' }), (r) => r.body.includes('退款')],
    ['a 1-character query', () => ({ q: '核' }), (r) => r.body.includes('核')],
    ['a trigram query', () => ({ q: '申请退款' }), (r) => r.body.includes('申请退款')],
    ['a 2-character query on a case', () => ({ q: '退款', caseNo: caseA }), (r) => r.body.includes('退款') && r.case_no === caseA],
    ['a 2-character query and a channel', () => ({ q: '退款', channel: 'phone' }), (r) => r.body.includes('退款') && r.channel === 'phone'],
    ['an English query', () => ({ q: 'refund me' }), (r) => r.body.includes('refund me')],
  ];
  it.each(cases)('pages %s newest first with no duplicates or gaps', async (_name, input, match) => {
    const want = await expected(match);
    expect(want.length).toBeGreaterThan(10);
    const got = await allPages(api, input(), 7);
    expect(new Set(got).size).toBe(got.length);
    expect(got).toEqual(want);
  });
});

describe('comms.list plans', () => {
  function plan(input: Record<string, unknown>): string[] {
    const compiled = commsSearchQuery(world.deps.db, commsListInput.parse(input)).compile();
    return world.database.sqlite
      .prepare(`explain query plan ${compiled.sql}`)
      .all(...(compiled.parameters as unknown[]))
      .map((r) => (r as { detail: string }).detail);
  }
  /** The plan has a step matching each of `uses` and none matching any of `never` (the whole plan in the failure). */
  function expectPlan(steps: string[], { uses, never }: { uses: RegExp[]; never: RegExp[] }) {
    for (const step of uses)
      expect(
        steps.some((s) => step.test(s)),
        steps.join('\n'),
      ).toBe(true);
    for (const step of never)
      expect(
        steps.filter((s) => step.test(s)),
        steps.join('\n'),
      ).toEqual([]);
  }
  const cursor = Buffer.from(JSON.stringify(['2026-10-03T00:00:00.000Z', 100])).toString('base64url');

  it.each([
    { q: '退款' },
    { q: '误', channel: 'phone', direction: 'inbound' },
    { q: '退款', from: '2026-10-01T00:00:00.000Z', to: '2026-10-04T00:00:00.000Z', cursor },
    { q: '退款', author: 'agent_a' },
  ])('a short query walks the gram index, never every communication: %j', (input) => {
    expectPlan(plan(input), { uses: [/^SEARCH g USING PRIMARY KEY \(gram=\?/], never: [/^SCAN /, /TEMP B-TREE/] });
  });

  it.each([
    { q: '退款', caseNo: 'RC2026111000001' },
    { q: '退款', memberUid: '50000001' },
  ])('a short query on a case or member reads that index and probes the gram: %j', (input) => {
    expectPlan(plan(input), {
      uses: [
        /^SEARCH communications USING INDEX comms_(case|member)/,
        /^SEARCH g (EXISTS )?USING PRIMARY KEY \(gram=\? AND at_ms=\? AND comm_id=\?\)/,
      ],
      never: [/^SCAN /],
    });
  });
});

describe('comms.edit', () => {
  it('follows an edit: the old words are gone, the new ones found', async () => {
    const { commId } = await api.comms.log({ memberUid: memberA, direction: 'note', channel: 'phone', body: '稍后回电' });
    expect((await api.comms.list({ q: '回电' })).items.map((c) => c.commId)).toContain(commId);
    await api.comms.edit({ commId, body: '已经处理完毕' });
    expect((await api.comms.list({ q: '回电' })).items.map((c) => c.commId)).not.toContain(commId);
    expect((await api.comms.list({ q: '完毕' })).items.map((c) => c.commId)).toEqual([commId]);
    const grams = await world.deps.db.selectFrom('communication_grams').select('gram').where('comm_id', '=', commId).execute();
    expect(grams.map((g) => g.gram).sort()).toEqual(['处', '处理', '完', '完毕', '已', '已经', '毕', '理', '理完', '经', '经处'].sort());
  });
});

describe('seeding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'refund-desk-comms-seed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills the gram table for every seeded message', async () => {
    const path = join(dir, 'seed.db');
    await seedDatabase({ path, orders: 60, seed: 3, progress: false, now: new Date('2026-11-20T04:00:00.000Z') });
    const db = new Database(path, { readonly: true });
    try {
      const { comms } = db.prepare('select count(*) comms from communications').get() as { comms: number };
      expect(comms).toBeGreaterThan(0);
      const missing = db
        .prepare(
          `select count(*) n from communications c where not exists
             (select 1 from communication_grams g where g.gram = lower(substr(c.body, 1, 1)) and g.comm_id = c.id
                and g.at_ms = cast(round(unixepoch(c.created_at, 'subsec') * 1000) as integer))`,
        )
        .get() as { n: number };
      expect(missing.n).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);
});
