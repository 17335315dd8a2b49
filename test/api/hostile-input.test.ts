import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../server/http/app';
import { sessionCookie } from '../support/http-server';
import { ENGINE_WORDING } from '../support/engine-wording';
import { tableCounts } from '../support/table-counts';
import { createStaff, createTestWorld, type TestWorld } from '../support/test-db';

// Issue 15 item 4, walked as a hostile client sends it over real HTTP: every request answers a
// 4xx with a JSON error that says what is wrong — never a 5xx, a stack trace, an HTML page or a
// connection reset — and writes nothing (no audit event, no row anywhere).
let world: TestWorld;
let server: Server;
let base: string;
const cookies: Record<'agent' | 'supervisor' | 'admin', string> = { agent: '', supervisor: '', admin: '' };

beforeAll(async () => {
  world = await createTestWorld();
  // with a built console in place, so the SPA's static files and fallback route are walked too
  const clientDir = join(world.dir, 'client');
  mkdirSync(clientDir);
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Refund Desk</title>');
  server = createHttpServer({ deps: world.deps, allowedOrigins: [], clientDir });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const role of ['agent', 'supervisor', 'admin'] as const) {
    cookies[role] = await sessionCookie(base, await createStaff(world, { role }));
  }
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await world.cleanup();
});

/** Row counts of every table but sessions (signing in is not what is under test), on either engine. */
const snapshot = () => tableCounts(world.deps.db);

const query = (path: string, input: unknown) => `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
const TEN_MB = Buffer.alloc(10 * 1024 * 1024, 0x61);

interface Hostile {
  name: string;
  path: string;
  as?: keyof typeof cookies;
  init?: RequestInit;
  status: number;
  /** what the message must say */
  message: RegExp;
}

const json = { 'content-type': 'application/json' };
const HOSTILE: Hostile[] = [
  {
    name: 'a NUL in a 3+ character order search',
    path: query('orders.search', { q: 'ab\u0000cd' }),
    as: 'agent',
    status: 400,
    message: /control characters/,
  },
  {
    name: 'a NUL in a 3+ character communications search',
    path: query('comms.list', { q: '退款\u0000啊' }),
    as: 'agent',
    status: 400,
    message: /control characters/,
  },
  {
    name: 'an impossible date for the calendar',
    path: '/trpc/policy.setCalendarDay',
    as: 'admin',
    init: { method: 'POST', headers: json, body: JSON.stringify({ date: '2026-02-30', kind: 'holiday', name: '不存在' }) },
    status: 400,
    message: /date: Expected a real date YYYY-MM-DD/,
  },
  {
    name: 'an impossible "from" for the dashboard',
    path: query('dashboard.summary', { from: '2026-02-30', to: '2026-03-31' }),
    as: 'supervisor',
    status: 400,
    message: /from: Expected a real date/,
  },
  {
    name: 'an impossible "to" for the dashboard',
    path: query('dashboard.summary', { from: '2026-02-01', to: '2026-13-01' }),
    as: 'supervisor',
    status: 400,
    message: /to: Expected a real date/,
  },
  { name: 'a malformed percent-encoding in a tRPC path', path: '/trpc/%ZZ', as: 'agent', status: 400, message: /percent-encoded/ },
  { name: 'a malformed percent-encoding in a download', path: '/uploads/%ZZ', as: 'agent', status: 400, message: /percent-encoded/ },
  { name: 'a malformed percent-encoding in an export', path: '/export/%ZZ.csv', as: 'supervisor', status: 400, message: /percent-encoded/ },
  { name: 'a malformed percent-encoding anywhere else', path: '/%ZZ', status: 400, message: /percent-encoded/ },
  { name: 'a malformed percent-encoding in a console page', path: '/orders/%ZZ', status: 400, message: /percent-encoded/ },
  {
    name: 'an export named after a prototype member: constructor',
    path: '/export/constructor.csv',
    as: 'supervisor',
    status: 404,
    message: /No export "constructor"/,
  },
  {
    name: 'an export named after a prototype member: __proto__',
    path: '/export/__proto__.csv',
    as: 'supervisor',
    status: 404,
    message: /No export "__proto__"/,
  },
  {
    name: 'an export named after a prototype member: toString',
    path: '/export/toString.csv',
    as: 'supervisor',
    status: 404,
    message: /No export "toString"/,
  },
  { name: 'a procedure named after a prototype member', path: query('constructor', {}), as: 'agent', status: 404, message: /No procedure/ },
  ...[
    ['/trpc/comms.log', 'agent', json],
    ['/uploads', 'agent', { 'content-type': 'image/png', 'x-file-name': 'big.png' }],
    ['/healthz', undefined, json],
    ['/export/cases.csv', 'supervisor', json],
    ['/uploads/1', 'agent', json],
    ['/', undefined, json],
    ['/nowhere', undefined, json],
  ].map(([path, as, headers]) => ({
    name: `a 10 MB body to ${path as string}`,
    path: path as string,
    as: as as keyof typeof cookies | undefined,
    init: { method: 'POST', headers: headers as Record<string, string>, body: TEN_MB },
    status: 413,
    message: /larger than|too large/,
  })),
];

describe('hostile input (issue 15 item 4)', () => {
  it('the snapshot counts the tables a write would touch, on this engine', async () => {
    const counts = await snapshot();
    for (const table of ['audit_events', 'staff', 'orders', 'refund_cases', 'refunds', 'communications', 'uploads', 'settings']) {
      expect(counts[table], table).toEqual(expect.any(Number));
    }
    expect(counts.staff).toBe(3);
  });

  for (const h of HOSTILE) {
    it(`${h.name}: ${h.status} with a JSON error, nothing written`, async () => {
      const before = await snapshot();
      const headers = new Headers(h.init?.headers);
      if (h.as) headers.set('cookie', cookies[h.as]);
      const res = await fetch(base + h.path, { ...h.init, headers });
      expect(res.status).toBe(h.status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { error?: { message?: string; data?: { httpStatus?: number } } };
      expect(body.error?.message).toMatch(h.message);
      expect(body.error?.message).not.toMatch(ENGINE_WORDING);
      expect(body.error?.message).not.toMatch(/URIError/);
      expect(body.error?.data?.httpStatus).toBe(h.status);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('a 10 MB tRPC body sent without a length (chunked) is refused with 413 too', async () => {
    const before = await snapshot();
    const chunks = Array.from({ length: 10 }, () => Buffer.alloc(1024 * 1024, 0x61));
    const body = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const res = await fetch(`${base}/trpc/comms.log`, {
      method: 'POST',
      headers: { ...json, cookie: cookies.agent },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/larger than/);
    expect(await snapshot()).toEqual(before);
  });

  it('the server still answers after all of it', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(await res.json()).toEqual({ ok: true });
  });
});
