import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../server/http/app';
import { cookieOf } from '../support/cookie';
import { createStaff, createTestWorld, type TestWorld } from '../support/test-db';

// The real HTTP server: transport, cookies, CSRF and error shapes as curl and browsers see them.
let world: TestWorld;
let server: Server;
let base: string;
let password: string;
let auditorPassword: string;

beforeAll(async () => {
  world = await createTestWorld();
  password = (await createStaff(world, { username: 'agent7', role: 'agent' })).password;
  auditorPassword = (await createStaff(world, { username: 'auditor7', role: 'auditor' })).password;
  server = createHttpServer({ deps: world.deps, allowedOrigins: [], clientDir: '/nonexistent' });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await world.cleanup();
});

const login = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('HTTP', () => {
  it('answers /healthz when the database is readable', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('signs in with a session cookie that is HttpOnly and SameSite=Strict, usable for the next call', async () => {
    const res = await login({ username: 'agent7', password });
    expect(res.status).toBe(200);
    expect((await res.json()).result.data).toMatchObject({ username: 'agent7', role: 'agent' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^rd_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const me = await fetch(`${base}/trpc/auth.me`, { headers: { cookie: cookieOf(res) } });
    expect(me.status).toBe(200);
    expect((await me.json()).result.data.username).toBe('agent7');
  });

  it('answers 401 to a wrong password and to a missing session, without a stack trace', async () => {
    const res = await login({ username: 'agent7', password: 'wrong' });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.message).toBe('Wrong username or password');
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts/);
    const anon = await fetch(`${base}/trpc/orders.search?input=${encodeURIComponent('{}')}`);
    expect(anon.status).toBe(401);
  });

  it('refuses a mutation from a foreign origin with 403 and a non-JSON body with 415', async () => {
    const foreign = await login({ username: 'agent7', password }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    const form = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=agent7&password=x',
    });
    expect(form.status).toBe(415);
  });

  it('answers malformed input with 400 and the field errors, never 500', async () => {
    const bad = await login({ username: 42 });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.data.fieldErrors).toHaveProperty('username');
    const broken = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(broken.status).toBe(400);
    const badQuery = await fetch(`${base}/trpc/auth.me?input=%7Bnot-json`);
    expect([400, 401]).toContain(badQuery.status);
    const unknown = await fetch(`${base}/trpc/nope.nothing`);
    expect(unknown.status).toBe(404);
  });

  it('sends the security headers', async () => {
    const res = await fetch(`${base}/healthz`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('sends the same security headers on every tRPC answer: success, error and refusal', async () => {
    const reference = await fetch(`${base}/healthz`); // through helmet itself
    const security = [...reference.headers.keys()].filter(
      (name) => !/^(date|content-length|content-type|etag|connection|keep-alive|cache-control)$/.test(name),
    );
    expect(security.length).toBeGreaterThan(8);
    const cookie = cookieOf(await login({ username: 'agent7', password }));
    const answers = [
      await fetch(`${base}/trpc/auth.me`, { headers: { cookie } }),
      await fetch(`${base}/trpc/auth.me`),
      await fetch(`${base}/trpc/auth.logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: '{}',
      }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 403]);
    for (const answer of answers) {
      for (const name of security) expect(answer.headers.get(name), `${name} on ${answer.status}`).toBe(reference.headers.get(name));
    }
  });

  it('streams CSV exports to supervisors and auditors only, and audits each export', async () => {
    const cookieFor = async (username: string, pw: string) => cookieOf(await login({ username, password: pw }));
    const agentCookie = await cookieFor('agent7', password);
    expect((await fetch(`${base}/export/audit.csv`, { headers: { cookie: agentCookie } })).status).toBe(403);
    expect((await fetch(`${base}/export/audit.csv`)).status).toBe(401);
    const auditorCookie = await cookieFor('auditor7', auditorPassword);
    const res = await fetch(`${base}/export/audit.csv`, { headers: { cookie: auditorCookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = await res.text();
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe('id,at,actor,role,action,entity_type,entity_id,before,after,reason,request_id,hash');
    expect(rows.some((r) => r.includes('auth.login'))).toBe(true);
    const headerOf = async (kind: string) =>
      (await (await fetch(`${base}/export/${kind}.csv`, { headers: { cookie: auditorCookie } })).text())
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0];
    expect(await headerOf('refunds')).toBe(
      'refund_id,case_no,order_no,amount_fen,payment_channel,status,gateway_ref,approved_by,quote_id,created_at,settled_at',
    );
    expect(await headerOf('communications')).toBe(
      'comm_id,case_no,member_uid,direction,channel,body,duration_sec,delivery_status,author,created_at',
    );
    const exports = await world.deps.db
      .selectFrom('audit_events')
      .select(['actor_username', 'entity_id'])
      .where('action', '=', 'export')
      .execute();
    expect(exports).toEqual([
      { actor_username: 'auditor7', entity_id: 'audit' },
      { actor_username: 'auditor7', entity_id: 'refunds' },
      { actor_username: 'auditor7', entity_id: 'communications' },
    ]);
    expect((await fetch(`${base}/export/audit.csv?from=yesterday`, { headers: { cookie: auditorCookie } })).status).toBe(400);
    expect((await fetch(`${base}/export/secrets.csv`, { headers: { cookie: auditorCookie } })).status).toBe(404);
  });

  it('speaks tRPC batching: several calls in one request, each with its own answer', async () => {
    const cookie = cookieOf(await login({ username: 'agent7', password }));
    const input = encodeURIComponent(JSON.stringify({ 0: undefined, 1: { orderNo: 'KM209901010000001' } }));
    const res = await fetch(`${base}/trpc/auth.me,orders.get?batch=1&input=${input}`, { headers: { cookie } });
    expect(res.status).toBe(207);
    const [me, order] = await res.json();
    expect(me.result.data.username).toBe('agent7');
    expect(order.error.data.code).toBe('NOT_FOUND');
  });

  it('refuses a query sent as a mutation and a mutation sent as a query', async () => {
    const asPost = await fetch(`${base}/trpc/auth.me`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(asPost.status).toBe(405);
    const asGet = await fetch(`${base}/trpc/auth.login?input=${encodeURIComponent('{"username":"a","password":"b"}')}`);
    expect(asGet.status).toBe(405);
  });
});
