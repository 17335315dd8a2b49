import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeaders } from '../../server/integration/signature';
import { deliveryOrder, generateEvents, sendEvents, type FakeEvent } from '../support/fake-platform';
import { listenOn } from '../support/http-server';
import { ingestSnapshot } from '../support/ingest-snapshot';
import { createTestWorld, type TestWorld } from '../support/test-db';
import { rowCount } from '../support/row-count';

// POST /api/v1/events over real HTTP on a real migrated database (docs/integration.md §1), fed
// by the fake platform's events — once from `npm run platform:fake` in a process of its own.

const SECRET = 'whsec-test-current';
const OLD_SECRET = 'whsec-test-previous';
const ORDERS = 60;

interface Console {
  world: TestWorld;
  server: Server;
  base: string;
}

async function openConsole(): Promise<Console> {
  const world = await createTestWorld();
  world.clock.now = new Date(); // the fake signs with the real clock
  world.deps.config.ingestSecrets = [SECRET, OLD_SECRET];
  const { server, base } = await listenOn(world);
  return { world, server, base };
}

async function closeConsole(c: Console) {
  await new Promise((r) => c.server.close(r));
  await c.world.cleanup();
}

async function snapshot(c: Console) {
  return ingestSnapshot(c.world.deps.db);
}

async function counts(c: Console) {
  const n = (table: 'orders' | 'members' | 'usage_events' | 'audit_events' | 'ingest_events') => rowCount(c.world.deps.db, table);
  return {
    orders: await n('orders'),
    members: await n('members'),
    usage: await n('usage_events'),
    audit: await n('audit_events'),
    ingested: await n('ingest_events'),
  };
}

async function post(base: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${base}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: (await res.json()) as Answer };
}

/** The ingest's answer: a result, or the error shape of every route (errorBody in server/errors.ts). */
interface Answer {
  accepted?: number;
  parked?: number;
  stale?: number;
  unparked?: number;
  error: { message: string; data: { code: string; errors?: unknown[]; eventIds?: string[] } };
}

function signed(events: unknown[], secret = SECRET, timestamp?: number) {
  const body = JSON.stringify({ events });
  return { body, headers: signatureHeaders(secret, body, timestamp) };
}

function runFake(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/support/fake-platform-cli.ts', ...args],
      { timeout: 85_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
    );
  });
}

const events: FakeEvent[] = generateEvents({ orders: ORDERS, seed: 7 });

describe('POST /api/v1/events: delivery order does not matter', () => {
  let inOrder: Console;
  let shuffled: Console;
  beforeAll(async () => {
    inOrder = await openConsole();
    shuffled = await openConsole();
  });
  afterAll(async () => {
    await closeConsole(inOrder);
    await closeConsole(shuffled);
  });

  it('in order, the facts land with nothing left parked', async () => {
    const sum = await sendEvents(inOrder.base, SECRET, events, { batch: 100 });
    expect(sum).toMatchObject({ accepted: events.length, duplicates: 0 });
    const c = await counts(inOrder);
    expect(c.orders).toBe(ORDERS);
    expect(c.ingested).toBe(events.length);
    const parked = await inOrder.world.deps.db
      .withTables<{ ingest_parked: { event_id: string } }>()
      .selectFrom('ingest_parked')
      .selectAll()
      .execute();
    expect(parked).toEqual([]);
  });

  it('shuffled and doubled from the fake platform process, the same state', async () => {
    const run = await runFake([
      '--send',
      shuffled.base,
      '--orders',
      String(ORDERS),
      '--seed',
      '7',
      '--shuffle',
      '--duplicate',
      '0.3',
      '--batch',
      '50',
      '--secret',
      OLD_SECRET,
    ]);
    expect(run.code, run.out).toBe(0);
    const sum = JSON.parse(run.out.trim().split('\n').pop()!) as Record<string, number>;
    expect(sum.accepted).toBe(events.length);
    expect(sum.duplicates).toBeGreaterThan(0);
    expect(sum.parked).toBeGreaterThan(0); // out of order: some waited for their member, plan or order
    expect(await snapshot(shuffled)).toEqual(await snapshot(inOrder));
    const parked = await shuffled.world.deps.db
      .withTables<{ ingest_parked: { event_id: string } }>()
      .selectFrom('ingest_parked')
      .selectAll()
      .execute();
    expect(parked).toEqual([]);
  });

  it('a replay of everything changes nothing and says so', async () => {
    const before = { state: await snapshot(inOrder), counts: await counts(inOrder) };
    const sum = await sendEvents(inOrder.base, SECRET, deliveryOrder(events, { shuffle: true, seed: 3 }));
    expect(sum).toMatchObject({ accepted: 0, duplicates: events.length, parked: 0 });
    expect(await snapshot(inOrder)).toEqual(before.state);
    expect(await counts(inOrder)).toEqual(before.counts);
  });

  it('an older fact never overwrites a newer one', async () => {
    const plan = await inOrder.world.deps.db
      .selectFrom('plans')
      .select('price_fen')
      .where('code', '=', 'fk-monthly')
      .executeTakeFirstOrThrow();
    expect(plan.price_fen).toBe(2800);
    const old = {
      id: 'evt-old-plan',
      type: 'plan.upserted',
      occurredAt: '2026-09-01T00:00:00+08:00',
      data: { code: 'fk-monthly', tier: 'standard', durationDays: 30, priceFen: 1, autoRenew: true, nameZh: '旧', nameEn: 'Old' },
    };
    const { body, headers } = signed([old]);
    const res = await post(inOrder.base, body, headers);
    expect(res).toMatchObject({ status: 200, body: { accepted: 1, stale: 1 } });
    const after = await inOrder.world.deps.db
      .selectFrom('plans')
      .select('price_fen')
      .where('code', '=', 'fk-monthly')
      .executeTakeFirstOrThrow();
    expect(after.price_fen).toBe(2800);
  });
});

describe('POST /api/v1/events: refusals write nothing', () => {
  let c: Console;
  beforeAll(async () => {
    c = await openConsole();
    await sendEvents(c.base, SECRET, events.slice(0, 20));
  });
  afterAll(() => closeConsole(c));

  const usage = (id: string, orderNo = 'FK-UNKNOWN-1') => ({
    id,
    type: 'usage.recorded',
    occurredAt: new Date().toISOString(),
    data: { orderNo, kind: 'play', at: new Date().toISOString() },
  });

  async function refusedWithNothingWritten(body: string, headers: Record<string, string>, status: number, reason: RegExp) {
    const before = await counts(c);
    const res = await post(c.base, body, headers);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(reason);
    expect(await counts(c)).toEqual(before);
    return res;
  }

  it('a tampered body or a signature by an unknown secret → 401', async () => {
    const { body, headers } = signed([usage('evt-t1')]);
    await refusedWithNothingWritten(body.replace('play', 'login'), headers, 401, /does not match/);
    const other = signed([usage('evt-t1')], 'not-our-secret');
    await refusedWithNothingWritten(other.body, other.headers, 401, /does not match/);
    await refusedWithNothingWritten(body, {}, 401, /Timestamp is missing/);
  });

  it('a timestamp more than 300 s away → 401', async () => {
    const { body, headers } = signed([usage('evt-t2')], SECRET, Math.floor(Date.now() / 1000) - 301);
    await refusedWithNothingWritten(body, headers, 401, /away from the server's clock/);
  });

  it('an unknown type or an invalid field → 400 with the errors per event', async () => {
    const { body, headers } = signed([
      usage('evt-ok'),
      { ...usage('evt-bad'), type: 'order.teleported' },
      { ...usage('evt-bad2'), data: { orderNo: 'X', kind: 'dance', at: 'yesterday' } },
    ]);
    const res = await refusedWithNothingWritten(body, headers, 400, /2 event\(s\) are invalid/);
    expect(res.body.error.data.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, path: 'type', message: expect.stringMatching(/unknown event type/) }),
        expect.objectContaining({ index: 2, path: 'data.kind' }),
        expect.objectContaining({ index: 2, path: 'data.at' }),
      ]),
    );
    const junk = 'not json';
    await refusedWithNothingWritten(junk, signatureHeaders(SECRET, junk), 400, /not valid JSON/);
  });

  it('more than 500 events or 1 MiB → 413', async () => {
    const many = signed(Array.from({ length: 501 }, (_, i) => usage(`evt-many-${i}`)));
    await refusedWithNothingWritten(many.body, many.headers, 413, /at most 500 events/);
    const big = signed([
      { ...usage('evt-big'), data: { orderNo: 'x', kind: 'play', at: new Date().toISOString(), detail: 'x'.repeat(1024 * 1024) } },
    ]);
    await refusedWithNothingWritten(big.body, big.headers, 413, /at most 1048576 bytes/);
  });

  it('the same id with another body → 409 for the whole batch', async () => {
    const first = events[0]!;
    const { body, headers } = signed([usage('evt-new-in-409-batch'), { ...first, data: { ...first.data, priceFen: 1 } }]);
    const res = await refusedWithNothingWritten(body, headers, 409, /different body/);
    expect(res.body.error.data.eventIds).toEqual([first.id]);
  });

  it('an event the database refuses (another order’s transaction id) → 400 naming it', async () => {
    const paid = events.find((e) => e.type === 'order.paid')!;
    const at = new Date().toISOString();
    const member = { id: 'evt-clash-member', type: 'member.upserted', occurredAt: at, data: { uid: 'M-CLASH', nickname: '撞单' } };
    const order = (id: string, orderNo: string) => ({
      ...paid,
      id,
      data: { ...paid.data, orderNo, memberUid: 'M-CLASH', transactionId: 'clash-tx' },
    });
    const first = signed([member, order('evt-clash-0', 'FK-CLASH-0')]);
    expect((await post(c.base, first.body, first.headers)).body).toMatchObject({ accepted: 2, parked: 0 });
    const { body, headers } = signed([usage('evt-before-clash', 'FK-CLASH-0'), order('evt-clash-1', 'FK-CLASH-1')]);
    const res = await refusedWithNothingWritten(body, headers, 400, /Event 1 \(evt-clash-1\) contradicts/);
    expect(res.body.error.data.errors).toEqual([
      expect.objectContaining({ index: 1, message: expect.stringMatching(/UNIQUE.*transaction_id/) }),
    ]);
  });

  it('an event for an unknown order is parked, then applied when the order arrives', async () => {
    const { body, headers } = signed([usage('evt-parked-1', 'FK-LATE-1')]);
    expect((await post(c.base, body, headers)).body).toMatchObject({ accepted: 1, parked: 1 });
    const parked = await c.world.deps.db
      .withTables<{ ingest_parked: { event_id: string; reason: string } }>()
      .selectFrom('ingest_parked')
      .select(['event_id', 'reason'])
      .execute();
    expect(parked).toEqual([{ event_id: 'evt-parked-1', reason: 'order FK-LATE-1 is not known yet' }]);
    const paid = events.find((e) => e.type === 'order.paid')!;
    const late = signed([{ ...paid, id: 'evt-late-paid', data: { ...paid.data, orderNo: 'FK-LATE-1', transactionId: 'late-tx' } }]);
    expect((await post(c.base, late.body, late.headers)).body).toMatchObject({ accepted: 1, parked: 0, unparked: 1 });
    const rows = await c.world.deps.db.selectFrom('usage_events').select('kind').where('order_no', '=', 'FK-LATE-1').execute();
    expect(rows).toEqual([{ kind: 'playback' }]);
  });

  it('each batch is one audit event naming its event ids', async () => {
    const last = await c.world.deps.db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'integration.events_ingested', actor_username: 'platform', entity_type: 'ingest_batch' });
    expect(JSON.parse(last.after!)).toMatchObject({ applied: ['evt-late-paid'], unparkedIds: ['evt-parked-1'] });
  });

  it('a body that is not declared JSON → 415', async () => {
    const { body, headers } = signed([usage('evt-415')]);
    await refusedWithNothingWritten(body, { ...headers, 'content-type': 'text/plain' }, 415, /application\/json/);
  });

  it('no secret configured → 404', async () => {
    c.world.deps.config.ingestSecrets = [];
    const { body, headers } = signed([usage('evt-x')]);
    await refusedWithNothingWritten(body, headers, 404, /Nothing here/);
    c.world.deps.config.ingestSecrets = [SECRET];
  });
});

describe('npm run platform:fake -- --export N', () => {
  it('writes the same events as NDJSON, one per line', async () => {
    const world = await createTestWorld();
    try {
      const out = `${world.dir}/events.ndjson`;
      const run = await runFake(['--export', '12', '--seed', '7', '--out', out]);
      expect(run.code, run.out).toBe(0);
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(lines.map((l) => JSON.parse(l) as FakeEvent)).toEqual(generateEvents({ orders: 12, seed: 7 }));
    } finally {
      await world.cleanup();
    }
  });
});
