import { request, type Server } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resetThrottle } from '../../server/auth/login-throttle';
import { listenOn, sessionCookie } from '../support/http-server';
import { createStaff, createTestWorld, type TestWorld } from '../support/test-db';

// A CSV export streams its rows as the client reads them. A slow reader (a big export over a
// slow link) must not hold up everyone else: while it is half-way, other requests are answered.

let world: TestWorld;
let server: Server;
let base: string;
let cookie: string;

beforeAll(async () => {
  resetThrottle();
  world = await createTestWorld();
  const auditor = await createStaff(world, { username: 'auditor8', role: 'auditor' });
  // Enough contacts that the export cannot fit in the socket's buffers (several MB of CSV).
  await sql`insert into members (uid, nickname, phone, phone_last4, email, registered_at)
            values ('90000001', '慢读者', '13900000001', '0001', null, '2025-01-01T00:00:00.000Z')`.execute(world.deps.db);
  await sql`insert into communications (case_no, member_uid, direction, channel, body, duration_sec, author_id, delivery_status, created_at, edited_at)
            select null, '90000001', 'note', 'phone', printf('%s 第 %d 次回访记录：会员表示会考虑续费，暂不退款。', hex(randomblob(40)), value),
                   null, ${auditor.id}, null, printf('2026-11-%02dT%02d:00:00.000Z', 1 + value % 19, value % 24), null
            from (with recursive n(value) as (select 1 union all select value + 1 from n where value < 40000) select value from n)`.execute(world.deps.db);
  ({ server, base } = await listenOn(world));
  cookie = await sessionCookie(base, auditor);
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server.close(r));
  await world.cleanup();
});

it('answers other requests while an export waits for a slow reader half-way', async () => {
  // Open the export and read only its first chunk, then stop reading (the socket fills up).
  const paused = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
    const req = request(`${base}/export/communications.csv`, { headers: { cookie } }, (res) => {
      res.once('data', () => {
        res.pause();
        resolve(res);
      });
    });
    req.on('error', reject);
    req.end();
  });
  expect(paused.statusCode).toBe(200);
  await new Promise((r) => setTimeout(r, 200));

  const started = Date.now();
  const other = await fetch(`${base}/trpc/auth.me`, { headers: { cookie }, signal: AbortSignal.timeout(5_000) });
  expect(other.status).toBe(200);
  expect(Date.now() - started).toBeLessThan(2_000);

  // The slow reader still gets the whole export in the end.
  let lines = 0;
  paused.on('data', (chunk: Buffer) => (lines += chunk.toString('utf8').split('\n').length - 1));
  paused.resume();
  await new Promise((r) => paused.once('end', r));
  expect(lines).toBeGreaterThan(40_000 - 10);
}, 60_000);
