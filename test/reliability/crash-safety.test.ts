import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApi, signIn } from './support/http-api';
import { checkDatabase, emptyAcknowledged } from './support/invariants';
import { seededTarget, type SeededTarget } from './support/seeded-target';
import { startServer, type RunningServer } from './support/server-process';
import { loadPools, startWriteLoad, type Staff } from './support/write-load';

// Crash safety: the real server on a seeded database takes a write-heavy load over HTTP and is
// killed with SIGKILL at a random moment, again and again; after every kill the file must be
// intact, every acknowledged change present exactly once with its audit event, no order paid
// back more than it was paid, and no key paid twice. Then clients retry what was never answered
// with the same keys, and every refund ends paid exactly once.
//
// What this proves and what it does not: SIGKILL stops the process between any two
// instructions (mid-transaction, between reserving a refund and settling it, mid-checkpoint), so
// it tests that the application's transactions are atomic and its exactly-once protocol survives
// a crash. It does not cut the power: data the kernel already holds reaches the disk after a
// SIGKILL anyway. Power-loss durability rests on synchronous=FULL (server/db/client.ts).
//
// On both engines (seeded-target.ts): `npm run test:reliability` on a SQLite file, `npm run
// test:pg` on a PostgreSQL database (the server with DATABASE_URL), the same invariants checked
// through Kysely. On PostgreSQL the process killed is a client: what is tested is that its
// transactions (and the write lock they hold) end with its connections, never half-applied.
//
// Budget: CRASH_CYCLES (default 12) kills, but no new cycle after CRASH_BUDGET_MS (default 50 s)
// once at least 6 have run — a slow machine runs fewer, never fewer than 6.
const MAX_CYCLES = Number(process.env.CRASH_CYCLES ?? 12);
const MIN_CYCLES = Math.min(6, MAX_CYCLES);
const BUDGET_MS = Number(process.env.CRASH_BUDGET_MS ?? 50_000);
const MARKER = 'zcrash9';

let dir: string;
let target: SeededTarget;
let server: RunningServer | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-crash-'));
  target = await seededTarget(dir, 'crash');
}, 120_000);
afterAll(async () => {
  await server?.kill9();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const start = () => startServer(target.dbPath, target.env);
const check = (marker: string, acked: Parameters<typeof checkDatabase>[2]) => target.use((db) => checkDatabase(db, marker, acked));

describe('crash safety (kill -9 under load)', () => {
  it('keeps every acknowledged write exactly once, the money and the audit chain whole, across repeated kill -9', async () => {
    const started = Date.now();
    const acked = emptyAcknowledged();
    const unanswered = new Map<string, { caseNo: string; quoteId: number }>();
    const unexpected: string[] = [];
    let staff: Staff | null = null;
    let cycles = 0;
    let requests = 0;
    let interrupted = 0;

    while (cycles < MAX_CYCLES && (cycles < MIN_CYCLES || Date.now() - started < BUDGET_MS)) {
      const pools = await target.use(loadPools);
      server = await start();
      // sessions live in the database: the cookies of the first start survive every crash
      staff ??= {
        agent: await signIn(server.url, 'agent1', 'agent1-demo'),
        agent2: await signIn(server.url, 'agent2', 'agent2-demo'),
        supervisor: await signIn(server.url, 'super1', 'super1-demo'),
      };
      const load = startWriteLoad({ url: server.url, staff, pools, marker: MARKER, acked, workers: 8 });
      // a random moment, counted in work rather than in time (a busy machine answers fewer
      // requests per second): after 2 to 80 answers, with the other workers' requests in flight
      const killAfter = 2 + Math.floor(Math.random() * 79);
      await load.until((answered) => answered >= killAfter, `${killAfter} requests were answered`);
      await server.kill9();
      server = null;
      const result = await load.stop();
      cycles++;
      requests += result.requests;
      interrupted += result.interrupted;
      for (const [key, v] of result.unanswered) unanswered.set(key, v);
      unexpected.push(...result.unexpected);

      expect(await check(MARKER, acked), `after kill ${cycles}`).toEqual({});
    }

    // Clients retry what the crashes left unanswered, with the same keys; a sample of the
    // answered ones too, which must get the very same answer after all those restarts.
    server = await start();
    const asSupervisor = httpApi(server.url, staff!.supervisor);
    const answeredSample = [...acked.approvals].filter((_, i) => i % 3 === 0);
    for (const [key, ack] of answeredSample) {
      const again = await asSupervisor.mutate<{ refund: { refundId: number; amountFen: number; status: string } }>('cases.approve', {
        caseNo: ack.caseNo,
        quoteId: ack.quoteId,
        idempotencyKey: key,
      });
      expect(again.status, again.text).toBe(200);
      expect(again.data!.refund).toMatchObject({ refundId: ack.refundId, amountFen: ack.amountFen, status: 'succeeded' });
    }
    const answeredBeforeRetries = acked.approvals.size;
    const retried: number[] = [];
    for (const [key, { caseNo, quoteId }] of unanswered) {
      const retry = await asSupervisor.mutate<{ refund: { refundId: number; amountFen: number; status: string } }>('cases.approve', {
        caseNo,
        quoteId,
        idempotencyKey: key,
      });
      // 409: the other key of a race, or a key whose case got paid under its twin
      expect([200, 409], retry.text).toContain(retry.status);
      retried.push(retry.status);
      if (retry.status === 200) acked.approvals.set(key, { ...retry.data!.refund, caseNo, quoteId });
    }
    await server.stop();
    server = null;

    expect(await check(MARKER, acked), 'after the retries').toEqual({});
    const ours = await target.use((db) =>
      db.selectFrom('refunds').select(['idempotency_key', 'status']).where('idempotency_key', 'like', `%${MARKER}%`).execute(),
    );
    const stillPending = ours.filter((r) => r.status === 'pending').map((r) => r.idempotency_key);
    const paidByTest = ours.filter((r) => r.status === 'succeeded').length;
    // every refund reserved before a crash was settled by its client's retry
    expect(stillPending).toEqual([]);
    expect(unexpected).toEqual([]);
    // the test did what it says: many kills, requests cut off mid-flight, refunds paid
    expect(cycles).toBeGreaterThanOrEqual(MIN_CYCLES);
    expect(interrupted).toBeGreaterThan(0);
    expect(answeredBeforeRetries).toBeGreaterThan(0);
    expect(Number(paidByTest)).toBeGreaterThanOrEqual(3);
    console.log(
      `crash safety (${target.engine}): ${cycles} kills in ${((Date.now() - started) / 1000).toFixed(1)} s, ${requests} requests, ${interrupted} cut off, ` +
        `${answeredBeforeRetries} approvals answered, ${unanswered.size} retried after crashes (${retried.join(' ')}), ${Number(paidByTest)} refunds paid, ` +
        `${acked.comms.size} contacts logged, ${acked.reveals.size} reveals`,
    );
  }, 240_000);
});
