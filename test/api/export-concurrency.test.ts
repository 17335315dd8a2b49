import { request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engineOf } from '../../server/db/engine';
import { listenOn, sessionCookie } from '../support/http-server';
import { rowCount } from '../support/row-count';
import { createStaff, createTestWorld, type TestWorld } from '../support/test-db';

// A CSV export streams its rows as the client reads them. A slow reader (a big export over a
// slow link) must not hold up everyone else: while it is half-way, other requests are answered.

const MESSAGES = 40_000;

let world: TestWorld;
let server: Server;
let base: string;
let cookie: string;

beforeAll(async () => {
  world = await createTestWorld();
  const auditor = await createStaff(world, { username: 'auditor8', role: 'auditor' });
  // Enough contacts that the export cannot fit in the socket's buffers (about 9 MB of CSV; a
  // paused reader on loopback holds about 4 MB here).
  // They go in without their 1–2 character search grams: the grams trigger writes a couple of
  // hundred index rows per message (about 45 s for these 40,000 on SQLite, 9 in 10 of this file's
  // time) and neither the export nor anything else in this file reads them. The trigger is set
  // aside for this one insert and put back (the trigram index is kept): SQLite drops it and
  // recreates it from its own stored SQL; PostgreSQL disables it and enables it again.
  const db = world.deps.db;
  await sql`insert into members (uid, nickname, phone, phone_last4, email, registered_at)
            values ('90000001', '慢读者', '13900000001', '0001', null, '2025-01-01T00:00:00.000Z')`.execute(db);
  if (engineOf(db) === 'postgres') {
    await sql`alter table communications disable trigger communication_grams_insert`.execute(db);
    await sql`insert into communications (case_no, member_uid, direction, channel, body, duration_sec, author_id, delivery_status, created_at, edited_at)
              select null, '90000001', 'note', 'phone',
                     format('%s 第 %s 次回访记录：会员表示会考虑续费，暂不退款。',
                            upper(md5(random()::text) || md5(random()::text) || left(md5(random()::text), 16)), value),
                     null, ${auditor.id}, null,
                     format('2026-11-%sT%s:00:00.000Z', lpad((1 + value % 19)::text, 2, '0'), lpad((value % 24)::text, 2, '0')), null
              from generate_series(1, ${MESSAGES}::int) as value`.execute(db);
    await sql`alter table communications enable trigger communication_grams_insert`.execute(db);
  } else {
    const grams = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'trigger' and name = 'communication_grams_insert'`.execute(db);
    expect(grams.rows).toHaveLength(1);
    await sql`drop trigger communication_grams_insert`.execute(db);
    await sql`insert into communications (case_no, member_uid, direction, channel, body, duration_sec, author_id, delivery_status, created_at, edited_at)
              select null, '90000001', 'note', 'phone', printf('%s 第 %d 次回访记录：会员表示会考虑续费，暂不退款。', hex(randomblob(40)), value),
                     null, ${auditor.id}, null, printf('2026-11-%02dT%02d:00:00.000Z', 1 + value % 19, value % 24), null
              from (with recursive n(value) as (select 1 union all select value + 1 from n where value < ${MESSAGES}) select value from n)`.execute(
      db,
    );
    await sql.raw(grams.rows[0]!.sql).execute(db);
  }
  expect(await rowCount(db, 'communications')).toBe(MESSAGES);
  ({ server, base } = await listenOn(world));
  cookie = await sessionCookie(base, auditor);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server.close(r));
  await world.cleanup();
});

const newlines = (chunk: Buffer) => chunk.reduce((n, byte) => (byte === 0x0a ? n + 1 : n), 0);

it('answers other requests while an export waits for a slow reader half-way', async () => {
  // The export's response on the server's side, to see whether it has ended.
  let exportRes: ServerResponse | null = null;
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/export/')) exportRes = res;
  });

  // Open the export and read until its first rows have come (so its reader is open and
  // streaming), then stop reading: the socket fills up and the export waits for the reader.
  let lines = 0;
  const paused = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(`${base}/export/communications.csv`, { headers: { cookie } }, (res) => {
      const onData = (chunk: Buffer) => {
        lines += newlines(chunk);
        if (lines < 3) return; // the header and at least two rows
        res.pause();
        res.off('data', onData);
        resolve(res);
      };
      res.on('data', onData);
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
  expect(paused.statusCode).toBe(200);

  // Other requests are answered while the export is half-way: one that reads the database
  // (health.check runs a query on the server's connection) and one of a signed-in user (whose
  // session may come from the server's short-lived session cache). A server that let the export
  // hold them up would never answer (the reader does not read on until they are): the abort
  // only turns that hang into a failure with a message.
  const [health, me] = await Promise.all(
    ['health.check', 'auth.me'].map((path) => fetch(`${base}/trpc/${path}`, { headers: { cookie }, signal: AbortSignal.timeout(20_000) })),
  );
  expect(health!.status).toBe(200);
  expect(me!.status).toBe(200);
  expect(exportRes, 'the export reached the server').not.toBeNull();
  expect(exportRes!.writableEnded, 'the export was still half-way when the other requests were answered').toBe(false);

  // The slow reader still gets the whole export in the end: the header and every message.
  paused.on('data', (chunk: Buffer) => (lines += newlines(chunk)));
  const ended = new Promise((r) => paused.once('end', r));
  paused.resume();
  await ended;
  expect(lines).toBe(1 + MESSAGES);
}, 120_000);
