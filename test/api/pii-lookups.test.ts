import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMember, insertOrder } from '../support/factories';
import { listenOn, sessionCookie } from '../support/http-server';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { worldWithPlans } from '../support/world';

// Issue 15 item 3: the masked phone 189****5089 is 10,000 guesses away from the number. A search by
// a full phone number or e-mail is a lookup — audited with the masked value only, and limited per
// staff member (30 distinct values in 10 minutes by default) with an alert to supervisors.
let world: TestWorld;
let server: Server;
let base: string;
let agent: Awaited<ReturnType<typeof createStaff>>;
let other: Awaited<ReturnType<typeof createStaff>>;
let supervisor: Awaited<ReturnType<typeof createStaff>>;
const cookies = { agent: '', other: '' };
const member = { phone: '18912345089', email: 'Secret.Member@example.com', uid: '' };

beforeAll(async () => {
  world = await worldWithPlans();
  const m = await insertMember(world.deps.db, { phone: member.phone, email: member.email });
  member.uid = m.uid;
  await insertOrder(world.deps.db, m.uid);
  ({ server, base } = await listenOn(world));
  agent = await createStaff(world, { role: 'agent' });
  other = await createStaff(world, { role: 'agent' });
  supervisor = await createStaff(world, { role: 'supervisor' });
  cookies.agent = await sessionCookie(base, agent);
  cookies.other = await sessionCookie(base, other);
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await world.cleanup();
});

const search = (cookie: string, q: string) =>
  fetch(`${base}/trpc/orders.search?input=${encodeURIComponent(JSON.stringify({ q }))}`, { headers: { cookie } });

const auditSince = (id: number) => world.deps.db.selectFrom('audit_events').selectAll().where('id', '>', id).orderBy('id').execute();
const lastAuditId = async () =>
  Number(
    (
      await world.deps.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('id'))
        .executeTakeFirstOrThrow()
    ).id,
  );
const setLookupLimit = (limit: number) =>
  world.deps.db
    .updateTable('settings')
    .set({ value: String(limit) })
    .where('key', '=', 'pii_lookup_limit')
    .execute();
/** 28 phone numbers nobody has, and the member's own. */
const guesses = [...Array.from({ length: 28 }, (_, i) => `189${String(1000 + i).padStart(4, '0')}5089`), member.phone];
const today = () => world.clock.now.toISOString().slice(0, 10);

describe('PII lookups (issue 15 item 3)', () => {
  it('audits each full-phone and e-mail search with the masked value only, and finds the member', async () => {
    const before = await lastAuditId();
    const res = await search(cookies.agent, member.email);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { items: { memberUid: string }[] } } };
    expect(body.result.data.items.map((o) => o.memberUid)).toEqual([member.uid]);
    const events = await auditSince(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_username: agent.username,
      action: 'member.lookup',
      entity_type: 'lookup',
      entity_id: 's***@example.com',
    });
    expect(JSON.parse(events[0]!.after!)).toEqual({ kind: 'email', value: 's***@example.com' });
  });

  it('lets an agent look up 30 distinct numbers in 10 minutes (e-mail included), refuses the 31st with 429 and finds nothing', async () => {
    const before = await lastAuditId();
    // the e-mail above was the 1st; 28 guesses and the member's phone make 30
    for (const phone of guesses) expect((await search(cookies.agent, phone)).status).toBe(200);
    // the same number again is no new lookup against the limit
    expect((await search(cookies.agent, member.phone)).status).toBe(200);
    const refused = await search(cookies.agent, '18999995089');
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as {
      result?: unknown;
      error: { message: string; data: { code: string; reason: string; limit: number } };
    };
    expect(body.result).toBeUndefined();
    expect(body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'lookup_limit', limit: 30 });
    expect(body.error.message).toMatch(/looked up 30 different phone numbers or e-mail addresses in the last 10 minutes/);
    // a known member's number is refused too: the limit is no oracle either
    expect((await search(cookies.agent, '189 1234 5089')).status).toBe(200); // already looked up
    expect((await search(cookies.agent, '+86 139 0000 0001')).status).toBe(429);

    const events = await auditSince(before);
    const lookups = events.filter((e) => e.action === 'member.lookup');
    // 28 guesses + the member's phone twice + 1 refused + the member's phone again + 1 refused
    expect(lookups).toHaveLength(33);
    expect(lookups.every((e) => /^\d{3}\*{4}\d{4}$/.test(e.entity_id))).toBe(true);
    expect(lookups.filter((e) => JSON.parse(e.after!).refused)).toHaveLength(2);
    // the full numbers are nowhere: not in the audit trail, not in the counters
    const everything =
      JSON.stringify(await world.deps.db.selectFrom('audit_events').selectAll().execute()) +
      JSON.stringify(await world.deps.db.selectFrom('pii_lookups').selectAll().execute());
    for (const phone of [...guesses, '18999995089', '13900000001']) expect(everything).not.toContain(phone);
    expect(everything).not.toContain(member.email.toLowerCase());
    // one alert for the window, however many searches are refused
    const alerts = events.filter((e) => e.action === 'security.lookup_limit');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ actor_username: agent.username, entity_type: 'staff', entity_id: String(agent.id) });
    expect(JSON.parse(alerts[0]!.after!)).toEqual({ staff: agent.username, distinct: 30, limit: 30, windowMinutes: 10 });
  });

  it("never limits nor audits a phone's last four digits, an order number or a nickname", async () => {
    const before = await lastAuditId();
    for (let i = 0; i < 40; i++) expect((await search(cookies.agent, String(5000 + i))).status).toBe(200);
    const res = await search(cookies.agent, '5089');
    expect(((await res.json()) as { result: { data: { items: unknown[] } } }).result.data.items).toHaveLength(1);
    expect((await search(cookies.agent, '测试会员')).status).toBe(200);
    expect(await auditSince(before)).toEqual([]);
  });

  it('counts per staff member: another agent trying 31 distinct full numbers is refused on the 31st only', async () => {
    const before = await lastAuditId();
    const statuses = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await search(cookies.other, `158${String(i).padStart(4, '0')}${String(i).padStart(4, '0')}`)).status);
    expect(statuses).toEqual([...Array<number>(30).fill(200), 429]);
    const events = await auditSince(before);
    expect(events.filter((e) => e.action === 'member.lookup').map((e) => e.entity_id)).toEqual(
      Array.from({ length: 31 }, (_, i) => `158****${String(i).padStart(4, '0')}`),
    );
    expect(events.filter((e) => e.action === 'security.lookup_limit').map((e) => e.actor_username)).toEqual([other.username]);
  });

  it("shows the alert on the supervisors' dashboard", async () => {
    const summary = await callerFor(world, supervisor).dashboard.summary({ from: today(), to: today() });
    expect(summary.securityAlerts.count).toBe(2);
    expect(summary.securityAlerts.items).toEqual([
      {
        auditId: expect.any(Number),
        at: world.clock.now.toISOString(),
        kind: 'lookup_limit',
        staff: other.username,
        distinct: 30,
        limit: 30,
        windowMinutes: 10,
      },
      {
        auditId: expect.any(Number),
        at: world.clock.now.toISOString(),
        kind: 'lookup_limit',
        staff: agent.username,
        distinct: 30,
        limit: 30,
        windowMinutes: 10,
      },
    ]);
  });

  it('frees the agent again once the window has passed, and a new window raises a new alert', async () => {
    world.clock.advance(10 * 60_000 + 1);
    expect((await search(cookies.agent, '18999995089')).status).toBe(200);
    for (let i = 0; i < 29; i++) expect((await search(cookies.agent, `137${String(i).padStart(8, '0')}`)).status).toBe(200);
    const before = await lastAuditId();
    expect((await search(cookies.agent, '13799999999')).status).toBe(429);
    expect((await auditSince(before)).map((e) => e.action)).toEqual(['member.lookup', 'security.lookup_limit']);
  });

  it('takes its limit from the settings table (the bench and load tools raise it for their runs)', async () => {
    await setLookupLimit(1000);
    try {
      expect((await search(cookies.agent, '13799999999')).status).toBe(200);
    } finally {
      await setLookupLimit(30);
    }
  });
});
