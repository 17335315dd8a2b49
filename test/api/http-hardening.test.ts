import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAIR_FREE_FAILURES } from '../../server/auth/login-throttle';
import { HEAVY_PER_MINUTE } from '../../server/heavy-limit';
import { parseTrustProxy } from '../../server/http/client-address';
import { MAX_BATCH } from '../../server/http/trpc-handler';
import { appendFillerEvents } from '../support/audit-events';
import { listenOn, sessionCookie } from '../support/http-server';
import { createStaff, createTestWorld, type TestWorld } from '../support/test-db';
import { rowCount } from '../support/row-count';

// Issue 15 over real HTTP: batches are bounded and run one call after another, sign-in is never
// batched, 429s say when to retry, the client address follows TRUST_PROXY, the cookie slides.
let world: TestWorld;
let server: Server;
let base: string;
type Staff = Awaited<ReturnType<typeof createStaff>>;
let agent: Staff;
let auditors: Staff[];

beforeAll(async () => {
  world = await createTestWorld();
  agent = await createStaff(world, { username: 'agent7', role: 'agent' });
  auditors = [
    await createStaff(world, { role: 'auditor' }),
    await createStaff(world, { role: 'auditor' }),
    await createStaff(world, { role: 'auditor' }),
  ];
  ({ server, base } = await listenOn(world));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await world.cleanup();
});

const json = { 'content-type': 'application/json' };
const count = (table: 'audit_events' | 'sessions' | 'sign_in_attempts') => rowCount(world.deps.db, table);
const batchInput = (inputs: unknown[]) => Object.fromEntries(inputs.map((v, i) => [i, v]));
const paths = (path: string, n: number) => Array(n).fill(path).join(',');

/** Raw HTTP/1.1 on an open socket: resolves with the status once the whole answer has arrived. */
function rawGet(socket: Socket, path: string, headers: Record<string, string> = {}) {
  return new Promise<number>((resolve, reject) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
    socket.on('error', reject);
    const lines = [
      `GET ${path} HTTP/1.1`,
      `host: ${new URL(base).host}`,
      'connection: close',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(lines.join('\r\n') + '\r\n\r\n');
  });
}
const openSocket = () =>
  new Promise<Socket>((resolve, reject) => {
    const s = connect(Number(new URL(base).port), '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });

describe('batching', () => {
  it('refuses a batch of 60 sign-ins as a whole, changing nothing (no attempt, audit event, session or cookie)', async () => {
    const before = [await count('audit_events'), await count('sessions'), await count('sign_in_attempts')];
    const guesses = Array.from({ length: 60 }, (_, i) => ({ username: 'agent7', password: i === 59 ? agent.password : `guess-${i}` }));
    const res = await fetch(`${base}/trpc/${paths('auth.login', 60)}?batch=1`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(batchInput(guesses)),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await res.json()).error.message).toContain(`at most ${MAX_BATCH}`);
    expect([await count('audit_events'), await count('sessions'), await count('sign_in_attempts')]).toEqual(before);
  });

  it('never batches an auth.* mutation, not even alone or beside a query', async () => {
    const before = await count('sign_in_attempts');
    for (const p of ['auth.login', 'auth.me,auth.login', 'auth.changePassword', 'auth.logoutAll']) {
      const res = await fetch(`${base}/trpc/${p}?batch=1`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ 0: { username: 'agent7', password: agent.password }, 1: {} }),
      });
      expect(res.status, p).toBe(400);
      expect((await res.json()).error.message, p).toContain('cannot be batched');
    }
    expect(await count('sign_in_attempts')).toBe(before);
    // one by one it works as ever
    expect(
      (
        await fetch(`${base}/trpc/auth.login`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ username: 'agent7', password: agent.password }),
        })
      ).status,
    ).toBe(200);
  });

  it(`refuses a batch of ${MAX_BATCH + 1} calls and runs one of ${MAX_BATCH}`, async () => {
    const cookie = await sessionCookie(base, agent);
    const over = await fetch(`${base}/trpc/${paths('auth.me', MAX_BATCH + 1)}?batch=1`, { headers: { cookie } });
    expect(over.status).toBe(400);
    expect((await over.json()).error.message).toBe(`A batch may hold at most ${MAX_BATCH} calls; this one has ${MAX_BATCH + 1}`);
    const fine = await fetch(`${base}/trpc/${paths('auth.me', MAX_BATCH)}?batch=1`, { headers: { cookie } });
    expect(fine.status).toBe(200);
    expect(await fine.json()).toHaveLength(MAX_BATCH);
  });

  it('refuses 1,000 audit.verify at once, and /healthz answers meanwhile', async () => {
    const cookie = await sessionCookie(base, auditors[0]!);
    const batch = fetch(`${base}/trpc/${paths('audit.verify', 1000)}?batch=1`, { headers: { cookie } });
    const health = fetch(`${base}/healthz`);
    const [b, h] = await Promise.all([batch, health]);
    expect(b.status).toBe(400);
    expect(h.status).toBe(200);
    // and heavy calls weigh in the budget: three verifications are too much for one request
    const three = await fetch(`${base}/trpc/${paths('audit.verify', 3)}?batch=1`, { headers: { cookie } });
    expect(three.status).toBe(400);
    expect((await three.json()).error.message).toContain('more work than one request may do');
  });

  it("counts each call of a batch against the caller's limits (heavy calls: a few a minute), with Retry-After", async () => {
    const cookie = await sessionCookie(base, auditors[1]!);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < Math.ceil((HEAVY_PER_MINUTE + 1) / 2); i++) {
      last = await fetch(`${base}/trpc/audit.verify,audit.verify?batch=1`, { headers: { cookie } });
      statuses.push(...(await last.json()).map((r: { error?: { data: { httpStatus: number } } }) => r.error?.data.httpStatus ?? 200));
    }
    expect(statuses.slice(0, HEAVY_PER_MINUTE)).toEqual(Array(HEAVY_PER_MINUTE).fill(200));
    expect(statuses[HEAVY_PER_MINUTE]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('runs the calls of a batch one after another, letting /healthz in between', async () => {
    await appendFillerEvents(world, 40_000); // so that one verification takes a while
    const cookie = await sessionCookie(base, auditors[2]!);
    const [a, b] = [await openSocket(), await openSocket()];
    const order: string[] = [];
    // both requests leave in the same turn; the batch is read first and starts its first call
    const batch = rawGet(a, '/trpc/audit.verify,audit.verify?batch=1', { cookie }).then((status) => (order.push('batch'), status));
    const health = rawGet(b, '/healthz').then((status) => (order.push('healthz'), status));
    // one caller's two heavy calls both ran (together, the second would be refused as "already running")
    expect(await batch).toBe(200);
    expect(await health).toBe(200);
    expect(order).toEqual(['healthz', 'batch']);
  });
});

describe('sign-in over HTTP', () => {
  it('answers a throttled sign-in 429 with Retry-After', async () => {
    await createStaff(world, { username: 'agent6' });
    const guess = () =>
      fetch(`${base}/trpc/auth.login`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'agent6', password: 'wrong' }) });
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect((await guess()).status).toBe(401);
    const refused = await guess();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await refused.json()).error.data.retryAfterSeconds).toBe(1);
  });

  it('slides the cookie with the session: Expires moves on when the session does', async () => {
    const res = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'agent7', password: agent.password }),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${base}/trpc/auth.me`, { headers: { cookie } })).headers.get('set-cookie')).toBeNull(); // nothing to slide yet
    world.clock.advance(2 * 60_000);
    try {
      const later = await fetch(`${base}/trpc/auth.me`, { headers: { cookie } });
      const slid = later.headers.get('set-cookie')!;
      expect(slid.split(';')[0]).toBe(cookie);
      expect(slid).toContain(`Expires=${new Date(world.clock.now.getTime() + 120 * 60_000).toUTCString()}`);
      expect(slid).toContain('HttpOnly');
      // and on the express routes (exports) too, once due again
      world.clock.advance(2 * 60_000);
      const auditorCookie = await sessionCookie(base, auditors[0]!);
      world.clock.advance(2 * 60_000);
      const csv = await fetch(`${base}/export/audit.csv`, { headers: { cookie: auditorCookie } });
      expect(csv.headers.get('set-cookie')).toContain(`Expires=${new Date(world.clock.now.getTime() + 120 * 60_000).toUTCString()}`);
      await csv.text();
    } finally {
      world.clock.advance(-6 * 60_000);
    }
  });
});

describe('client address (TRUST_PROXY)', () => {
  const failedFrom = async (username: string, headers: Record<string, string>) => {
    await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { ...json, ...headers },
      body: JSON.stringify({ username, password: 'wrong' }),
    });
    const row = await world.deps.db
      .selectFrom('audit_events')
      .select('client_ip')
      .where('action', '=', 'auth.login_failed')
      .where('entity_id', '=', username)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row.client_ip;
  };
  const exportFrom = async (headers: Record<string, string>) => {
    const cookie = await sessionCookie(base, auditors[0]!);
    await (await fetch(`${base}/export/audit.csv`, { headers: { cookie, ...headers } })).text();
    return (
      await world.deps.db
        .selectFrom('audit_events')
        .select('client_ip')
        .where('action', '=', 'export')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).client_ip;
  };
  const spoof = { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' };

  it('ignores X-Forwarded-For without TRUST_PROXY, in tRPC and the express routes alike', async () => {
    world.deps.config.trustProxy = null;
    expect(await failedFrom('xff-off', spoof)).toBe('127.0.0.1');
    expect(await exportFrom(spoof)).toBe('127.0.0.1');
  });

  it('takes the client from X-Forwarded-For behind a configured proxy, the same everywhere', async () => {
    try {
      world.deps.config.trustProxy = parseTrustProxy('loopback');
      expect(await failedFrom('xff-loopback', spoof)).toBe('203.0.113.9'); // the address the proxy saw, not what the client claimed
      expect(await exportFrom(spoof)).toBe('203.0.113.9');
      world.deps.config.trustProxy = parseTrustProxy('2');
      expect(await failedFrom('xff-hops', spoof)).toBe('198.51.100.1');
      world.deps.config.trustProxy = parseTrustProxy('10.0.0.0/8'); // this socket is no trusted proxy
      expect(await failedFrom('xff-other', spoof)).toBe('127.0.0.1');
    } finally {
      world.deps.config.trustProxy = null;
    }
  });

  it('keys the sign-in throttle by the forwarded address behind a proxy, so one client cannot slow another', async () => {
    try {
      world.deps.config.trustProxy = parseTrustProxy('1');
      const staff = await createStaff(world, { username: 'agent5' });
      const attempt = (ip: string, password: string) =>
        fetch(`${base}/trpc/auth.login`, {
          method: 'POST',
          headers: { ...json, 'x-forwarded-for': ip },
          body: JSON.stringify({ username: 'agent5', password }),
        });
      for (let i = 0; i <= PAIR_FREE_FAILURES; i++) await attempt('198.51.100.66', 'wrong');
      expect((await attempt('198.51.100.66', staff.password)).status).toBe(429);
      expect((await attempt('198.51.100.7', staff.password)).status).toBe(200);
    } finally {
      world.deps.config.trustProxy = null;
    }
  });
});
