import { signatureHeaders } from '../../server/integration/signature';
import { eventStream } from '../support/fake-platform';
import { round, spreadOf } from './measure';

// The platform's side of the bench's ingest phase, as a process of its own (`runIngestLoad` in
// server-process.ts starts it): signs and posts the fake platform's events to POST
// /api/v1/events in batches of `batch`, one batch after another (the route writes one batch at a
// time anyway), for `seconds`. Prints one IngestLoadResult as JSON on stdout.

export interface IngestLoadSpec {
  url: string;
  secret: string;
  seconds: number;
  batch: number;
  /** the fake platform's seed: its own order numbers, members and event ids */
  seed: number;
}

export interface IngestLoadResult {
  seconds: number;
  batches: number;
  events: number;
  eventsPerSecond: number;
  refused: number;
  /** each batch's round trip, in ms */
  batchMs: { p50: number; p95: number; p99: number; max: number };
}

/**
 * The platform's mix: the fake stream of 2,000 orders at a time (1,000 members, their orders,
 * payments, usage, subscriptions), each round under a seed of its own so ids, order numbers and
 * members never repeat. One stream of millions of orders would send all its members first.
 */
function* platformMix(seed: number) {
  for (let r = 0; ; r++) yield* eventStream({ orders: 2000, seed: seed * 100_000 + r });
}

async function run(spec: IngestLoadSpec): Promise<IngestLoadResult> {
  const stream = platformMix(spec.seed);
  const times: number[] = [];
  let events = 0;
  let refused = 0;
  const started = performance.now();
  const until = started + spec.seconds * 1000;
  while (performance.now() < until) {
    const batch = [];
    for (let i = 0; i < spec.batch; i++) batch.push(stream.next().value!);
    const body = JSON.stringify({ events: batch });
    const t = performance.now();
    const res = await fetch(`${spec.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signatureHeaders(spec.secret, body) },
      body,
    });
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status === 200) events += batch.length;
    else refused++;
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    seconds: round(elapsed),
    batches: times.length,
    events,
    eventsPerSecond: Math.round(events / elapsed),
    refused,
    batchMs: spreadOf(times, [50, 95, 99]),
  };
}

console.log(JSON.stringify(await run(JSON.parse(process.argv[2]!) as IngestLoadSpec)));
