import type { Server } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePlatform, waitFor, type FakePlatform } from '../support/fake-platform-process';
import { listenOn } from '../support/http-server';
import { createTestWorld, type TestWorld } from '../support/test-db';

// `npm run platform:fake -- --emit-per-second N` (docs/integration.md §4): the fake platform, its
// own process, streams its orders and usage to the console's POST /api/v1/events, signed, in
// batches every 100 ms. A short run at a low rate: the events arrive, every one is applied in the
// platform's order (plans, then members, then orders), and the fake never sends more than the
// rate allows. No lower bound on the rate: a busy machine only makes the stream slower.

const INGEST_SECRET = 'ingest-stream-api';
const PER_SECOND = 50;
const AT_LEAST = 100; // ~2 s at 50 events/s: past the plans and members, into the orders

let world: TestWorld;
let server: Server;
let fake: FakePlatform | undefined;

beforeAll(async () => {
  // the console checks the fake's signatures against its clock: the real one here
  world = await createTestWorld({ now: new Date().toISOString() });
  world.deps.config.ingestSecrets = [INGEST_SECRET];
  ({ server } = await listenOn(world));
}, 60_000);
afterAll(async () => {
  await fake?.stop();
  if (server) await new Promise((r) => server.close(r));
  await world?.cleanup();
});

const count = async (query: string) => Number((await sql<{ n: number }>`${sql.raw(query)}`.execute(world.deps.db)).rows[0]!.n);

describe('the fake platform streaming events (--emit-per-second)', () => {
  it(`posts a steady stream the console accepts and applies, and no more than ${PER_SECOND} events a second`, async () => {
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const started = Date.now();
    fake = await startFakePlatform({
      gatewaySecret: 'gw-stream-api',
      console: { url: base, secret: INGEST_SECRET },
      args: ['--emit-per-second', String(PER_SECOND)],
    });
    const state = await waitFor(
      `the fake platform to post ${AT_LEAST} events`,
      () => fake!.state(),
      (s) => (s.events?.posted ?? 0) >= AT_LEAST,
      60_000,
    );
    await fake.stop();
    const elapsedMs = Date.now() - started;
    const events = state.events!;

    // never faster than asked: at most the rate over the whole time the process lived (a generous
    // bound, which a slow machine only makes looser), plus one tick's worth
    expect(events.queued).toBeLessThanOrEqual(Math.ceil((PER_SECOND * elapsedMs) / 1000) + PER_SECOND / 10);
    // every batch taken, every event new
    expect(events).toMatchObject({ refusedBatches: 0, duplicates: 0, stale: 0, lastError: null });
    expect(events.accepted).toBe(events.posted);

    // the console holds every posted event once, each applied (in order: nothing had to wait)
    expect(await count('select count(*) as n from ingest_events')).toBeGreaterThanOrEqual(events.posted);
    expect(await count(`select count(*) as n from ingest_events where outcome != 'applied'`)).toBe(0);
    expect(await count('select count(*) as n from ingest_parked')).toBe(0);
    // and what they say is in its tables: the fake's four plans, its members, its first orders
    expect(await count(`select count(*) as n from plans where code like 'fk-%'`)).toBe(4);
    expect(await count(`select count(*) as n from members where uid like 'fk%'`)).toBeGreaterThan(0);
    expect(await count(`select count(*) as n from orders where order_no like 'FK%'`)).toBeGreaterThan(0);
    // each batch audited, naming its events
    expect(await count(`select count(*) as n from audit_events where action = 'integration.events_ingested'`)).toBeGreaterThan(0);
  });
});
