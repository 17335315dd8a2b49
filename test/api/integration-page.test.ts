import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundBreakersTable } from '../../server/adapters/breaker';
import { deliverOutbox } from '../../server/comms/deliver-outbox';
import { createSimulatedGateway } from '../../server/adapters/simulated-gateway';
import { ingestDb } from '../../server/integration/ingest-schema';
import { REFUSAL_ROWS_KEPT, REFUSALS_PER_MINUTE_CAP } from '../../server/integration/record-refusal';
import { signatureHeaders } from '../../server/integration/signature';
import { ROLES, type Role } from '../../shared/roles';
import { generateEvents, type FakeEvent } from '../support/fake-platform';
import { listenOn } from '../support/http-server';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { worldWithPlans } from '../support/world';
import { orderWithMember, quotedCase, unusedMonth } from './cases-support';

// The integration page's procedures (docs/integration.md §5, docs/api.md `integration.*`) over
// a console fed through the real POST /api/v1/events: events in, duplicates, parked events,
// refused batches (stored, capped), refunds pending at the gateway and the message outbox.

const SECRET = 'whsec-page-test';
const events: FakeEvent[] = generateEvents({ orders: 12, seed: 5 });
// one member's record never arrives: what names it, and what names its orders, waits
const MISSING = 'fk5-m000000';
const withheld = events.filter((e) => e.type === 'member.upserted' && e.data.uid === MISSING);
const delivered = events.filter((e) => !withheld.includes(e));
// what the platform told the console about members: none of it may come back from the page
const personal = events
  .filter((e) => e.type === 'member.upserted')
  .flatMap((e) => [e.data.phone, e.data.email, e.data.nickname])
  .filter((v): v is string => typeof v === 'string');

let world: TestWorld;
let server: Server;
let base: string;
const staff = {} as Record<Role, Awaited<ReturnType<typeof createStaff>>>;

beforeAll(async () => {
  world = await worldWithPlans('2026-11-20T04:00:00.000Z');
  world.deps.config.ingestSecrets = [SECRET];
  ({ server, base } = await listenOn(world));
  for (const role of ROLES) staff[role] = await createStaff(world, { role });
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await world.cleanup();
});

/** Posts a body signed at the world's clock (or not signed, or signed with another secret). */
async function post(body: string, opts: { secret?: string; contentType?: string } = {}) {
  const headers = signatureHeaders(opts.secret ?? SECRET, body, Math.floor(world.clock.now.getTime() / 1000));
  const res = await fetch(`${base}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': opts.contentType ?? 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const batch = (list: unknown[]) => JSON.stringify({ events: list });
const summaryAs = (role: Role) => callerFor(world, staff[role]).integration.summary();

describe('integration.summary and integration.parked', () => {
  it('before any event: nothing received, nothing parked or refused, services idle', async () => {
    const s = await summaryAs('supervisor');
    expect(s).toMatchObject({
      enabled: true,
      last: null,
      events: { lastHour: { accepted: 0, duplicates: 0, parked: 0 }, perMinute: [] },
      parked: { total: 0, overdue: 0, groups: [] },
      refusals: { lastHourBatches: 0, latest: [] },
      refunds: { pending: 0, oldestPendingAt: null },
      outbox: { pending: 0, retrying: 0, failed: 0 },
    });
    expect(s.breakers.map((b) => [b.service, b.health, b.breaker])).toEqual([
      ['payment_gateway', 'idle', null],
      ['message_service', 'idle', null],
    ]);
  });

  it('counts the events in per type and minute, the duplicates and the parked ones', async () => {
    const half = Math.floor(delivered.length / 2);
    const first = delivered.slice(0, half);
    const rest = delivered.slice(half);
    expect(rest.length).toBeGreaterThan(10);
    expect((await post(batch(first))).status).toBe(200);
    world.clock.advance(60_000);
    // the second batch sends 10 of the first again: duplicates, counted in this minute
    const again = first.slice(0, 10);
    const answer = await post(batch([...rest, ...again]));
    expect(answer).toMatchObject({ status: 200, body: { accepted: rest.length, duplicates: 10 } });

    const s = await summaryAs('supervisor');
    expect(s.events.lastHour.accepted).toBe(delivered.length);
    expect(s.events.lastHour.duplicates).toBe(10);
    expect(s.events.perMinute.map((r) => r.minute)).toContain('2026-11-20T04:00');
    expect(s.events.perMinute.map((r) => r.minute)).toContain('2026-11-20T04:01');
    // the per-type rows add up to what was sent, type by type
    for (const type of new Set(delivered.map((e) => e.type))) {
      const sent = delivered.filter((e) => e.type === type).length;
      const counted = s.events.perMinute.filter((r) => r.type === type).reduce((n, r) => n + r.accepted, 0);
      expect(counted, type).toBe(sent);
    }
    const dupes = s.events.perMinute.filter((r) => r.minute === '2026-11-20T04:01').reduce((n, r) => n + r.duplicates, 0);
    expect(dupes).toBe(10);
    expect(s.last).toMatchObject({ receivedAt: '2026-11-20T04:01:00.000Z', sinceSeconds: 0 });
    expect(s.last!.lagSeconds).toBeGreaterThan(0);

    // the withheld member's consent and orders wait for it; what names those orders waits for them
    const parkedRows = await ingestDb(world.deps.db).selectFrom('ingest_parked').select(['event_id', 'waits_for']).execute();
    expect(parkedRows.length).toBeGreaterThan(0);
    expect(s.parked.total).toBe(parkedRows.length);
    expect(s.parked.overdue).toBe(0);
    const byWait = (w: string) => s.parked.groups.filter((g) => g.waitsFor === w).reduce((n, g) => n + g.count, 0);
    expect(byWait('member')).toBe(parkedRows.filter((r) => r.waits_for === 'member').length);
    expect(byWait('member')).toBeGreaterThan(0);
    for (const g of s.parked.groups) expect(g.oldestParkedAt <= '2026-11-20T04:01:00.000Z').toBe(true);
  });

  it('stores refused batches with their reason and the ids it could read, never the body', async () => {
    const good = delivered[0]!;
    // 401: signed with a secret the console does not hold
    expect((await post(batch([good]), { secret: 'not-the-secret' })).status).toBe(401);
    // 400: an event that fails validation, named by its id
    const bad = { id: 'evt-bad-1', type: 'order.paid', occurredAt: '2026-11-20T04:00:00Z', data: { orderNo: 'X' } };
    expect((await post(batch([bad]))).status).toBe(400);
    // 409: a known id with another body
    const conflicting = { ...good, data: { ...good.data, nickname: '冒名顶替' } };
    expect((await post(batch([conflicting]))).status).toBe(409);
    // 413: too many events
    const many = Array.from({ length: 501 }, (_, i) => ({ ...bad, id: `evt-many-${i}` }));
    expect((await post(batch(many))).status).toBe(413);
    // 400: not JSON; sent twice, counted on one row
    expect((await post('{"events": [')).status).toBe(400);
    expect((await post('{"events": [')).status).toBe(400);

    const s = await summaryAs('admin');
    const byKind = Object.fromEntries(s.refusals.latest.map((r) => [r.kind, r]));
    expect(byKind.bad_signature).toMatchObject({ status: 401, batches: 1, eventIds: [], events: null });
    expect(byKind.invalid_events).toMatchObject({ status: 400, batches: 1, events: 1, eventIds: ['evt-bad-1'] });
    expect(byKind.invalid_events!.reason).toMatch(/invalid/);
    expect(byKind.conflict).toMatchObject({ status: 409, batches: 1, events: 1, eventIds: [good.id] });
    expect(byKind.too_many_events).toMatchObject({ status: 413, events: 501 });
    expect(byKind.too_many_events!.eventIds).toHaveLength(20);
    expect(byKind.not_json).toMatchObject({ status: 400, batches: 2, events: null });
    expect(s.refusals.lastHourBatches).toBe(6);
    // the conflicting body's nickname is nowhere
    expect(JSON.stringify(s)).not.toContain('冒名顶替');
    const stored = JSON.stringify(await ingestDb(world.deps.db).selectFrom('ingest_refusals').selectAll().execute());
    expect(stored).not.toContain('冒名顶替');
  });

  it('a flood of refusals is counted up to the cap, then costs no write; old rows make way', async () => {
    const db = ingestDb(world.deps.db);
    const minute = world.clock.now.toISOString().slice(0, 16);
    await db
      .updateTable('ingest_refusals')
      .set({ batches: REFUSALS_PER_MINUTE_CAP })
      .where('minute', '=', minute)
      .where('kind', '=', 'bad_signature')
      .execute();
    const before = await db.selectFrom('ingest_refusals').selectAll().where('kind', '=', 'bad_signature').execute();
    expect((await post(batch([delivered[0]]), { secret: 'wrong' })).status).toBe(401);
    expect(await db.selectFrom('ingest_refusals').selectAll().where('kind', '=', 'bad_signature').execute()).toEqual(before);
    const s = await summaryAs('supervisor');
    expect(s.refusals.latest.find((r) => r.kind === 'bad_signature')).toMatchObject({ atLeast: true, batches: REFUSALS_PER_MINUTE_CAP });

    // a long history of refusals: only the newest REFUSAL_ROWS_KEPT rows stay
    const old = Array.from({ length: REFUSAL_ROWS_KEPT }, (_, i) => ({
      minute: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T00:${String(i % 60).padStart(2, '0')}`,
      status: 401,
      kind: `old-${Math.floor(i / 1680)}-${i}`,
      reason: 'old',
      batches: 1,
      events: null,
      event_ids: '[]',
      first_at: '2026-10-01T00:00:00.000Z',
      last_at: '2026-10-01T00:00:00.000Z',
    }));
    for (let i = 0; i < old.length; i += 200)
      await db
        .insertInto('ingest_refusals')
        .values(old.slice(i, i + 200))
        .execute();
    world.clock.advance(60_000);
    expect((await post(batch([delivered[0]]), { secret: 'wrong' })).status).toBe(401);
    const kept = await db
      .selectFrom('ingest_refusals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBe(REFUSAL_ROWS_KEPT);
    const newest = await summaryAs('supervisor');
    expect(newest.refusals.latest[0]).toMatchObject({ kind: 'bad_signature', batches: 1, lastAt: world.clock.now.toISOString() });
  });

  it('pages the parked events oldest first, saying what each waits for, without its body', async () => {
    const api = callerFor(world, staff.supervisor);
    const all = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.integration.parked>> = await api.integration.parked({ limit: 20, cursor });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const total = (await summaryAs('supervisor')).parked.total;
    expect(all).toHaveLength(total);
    expect(new Set(all.map((p) => p.eventId)).size).toBe(total);
    const keys = all.map((p) => `${p.parkedAt}|${p.eventId}`);
    expect(keys).toEqual([...keys].sort());
    expect(Object.keys(all[0]!).sort()).toEqual(
      ['ageSeconds', 'eventId', 'occurredAt', 'overdue', 'parkedAt', 'reason', 'type', 'waitsFor', 'waitsKey'].sort(),
    );
    const forMember = await api.integration.parked({ waitsFor: 'member' });
    expect(forMember.items.length).toBeGreaterThan(0);
    expect(forMember.items.every((p) => p.waitsFor === 'member' && p.waitsKey === MISSING)).toBe(true);
    await expect(api.integration.parked({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('flags parked events waiting over 7 days: reported, not dropped', async () => {
    const total = (await summaryAs('supervisor')).parked.total;
    world.clock.advance(7 * 86_400_000 + 60_000);
    const s = await summaryAs('supervisor');
    expect(s.parked).toMatchObject({ total, overdue: total, overdueAfterDays: 7 });
    expect(s.parked.groups.every((g) => g.overdue === g.count && g.oldestAgeSeconds > 7 * 86_400)).toBe(true);
    const overdue = await callerFor(world, staff.supervisor).integration.parked({ overdue: true, limit: 100 });
    expect(overdue.items.length).toBe(Math.min(total, 100));
    expect(overdue.items.every((p) => p.overdue)).toBe(true);
    // the week-old minutes are out of the last hour
    expect(s.events.lastHour).toEqual({ accepted: 0, duplicates: 0, parked: 0 });
    expect(s.last!.sinceSeconds).toBeGreaterThan(7 * 86_400);
  });

  it('shows refunds waiting at the gateway and messages the sender keeps refusing', async () => {
    world.deps.gateway = createSimulatedGateway({ latencyMs: 0, failureRate: 0, timeoutRate: 0, script: ['timeout'] });
    const agent = staff.agent;
    world.clock.now = new Date('2026-11-20T04:00:00.000Z');
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    const approved = await callerFor(world, agent).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'page-timeout-01' });
    expect(approved.refund).toMatchObject({ status: 'pending' });
    // the approval's messages: the sender refuses them
    await deliverOutbox(world.deps.db, { send: () => Promise.reject(new Error('service down')) }, () => world.clock.now);
    world.clock.advance(11 * 60_000);

    const s = await summaryAs('supervisor');
    expect(s.refunds).toMatchObject({ pending: 1, oldestPendingAt: '2026-11-20T04:00:00.000Z', oldestAgeSeconds: 660 });
    expect(s.outbox.pending).toBeGreaterThan(0);
    expect(s.outbox.retrying).toBe(s.outbox.pending);
    const gateway = s.breakers.find((b) => b.service === 'payment_gateway')!;
    expect(gateway).toMatchObject({ health: 'degraded', breaker: null, lastHour: { calls: 1, failed: 0 } });
    expect(gateway.signs).toContain('pending_stuck');
    const sender = s.breakers.find((b) => b.service === 'message_service')!;
    // two messages, both refused: too few calls for a rate, but retrying and overdue
    expect(sender).toMatchObject({ health: 'degraded', lastHour: { calls: 2, failed: 2, errorRate: 1 } });
    expect(sender.signs).toEqual(expect.arrayContaining(['retrying', 'outbox_late']));
  });

  it('shows each service’s circuit breaker as stored: an open one is failing', async () => {
    const breakers = world.deps.db.withTables<{ outbound_breakers: OutboundBreakersTable }>();
    const at = world.clock.now.toISOString();
    await breakers
      .insertInto('outbound_breakers')
      .values([
        { service: 'payment_gateway', state: 'open', failures: 5, opened_at: at, last_error: 'HTTP 503 from the gateway', updated_at: at },
        { service: 'message_service', state: 'closed', failures: 0, opened_at: null, last_error: null, updated_at: at },
      ])
      .execute();
    const s = await summaryAs('supervisor');
    expect(s.breakers.find((b) => b.service === 'payment_gateway')).toMatchObject({
      health: 'failing',
      breaker: 'open',
      breakerFailures: 5,
      breakerOpenedAt: at,
      breakerLastError: 'HTTP 503 from the gateway',
    });
    expect(s.breakers.find((b) => b.service === 'payment_gateway')!.signs).toContain('breaker_open');
    // a closed breaker changes nothing of what the calls say
    expect(s.breakers.find((b) => b.service === 'message_service')).toMatchObject({ breaker: 'closed', health: 'degraded' });
    await breakers.deleteFrom('outbound_breakers').execute();
  });

  it('says nothing personal in any answer', async () => {
    const api = callerFor(world, staff.supervisor);
    const text = JSON.stringify([await api.integration.summary(), await api.integration.parked({ limit: 100 })]);
    for (const value of personal) expect(text).not.toContain(value);
  });

  it('admins, supervisors and auditors may read it; agents may not', async () => {
    for (const role of ['admin', 'supervisor', 'auditor'] as const) {
      await expect(callerFor(world, staff[role]).integration.summary()).resolves.toMatchObject({ enabled: true });
      await expect(callerFor(world, staff[role]).integration.parked({})).resolves.toHaveProperty('items');
    }
    await expect(callerFor(world, staff.agent).integration.summary()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(world, staff.agent).integration.parked({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(world, null).integration.summary()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
