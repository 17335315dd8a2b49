import Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IngestLoadResult } from './ingest-load';
import { percentile, round, type Figure } from './measure';
import { freePort, runIngestLoad, signIn, startServer } from './server-process';

// The bench's ingest phase (issue 19): the platform posts signed batches of 500 events to
// POST /api/v1/events as fast as the console takes them, from a process of its own, while the
// bench — one agent, requests back to back — looks orders up and opens order pages. Reported:
// the events/s the console sustained, and the agent's latencies quiet and under the ingest.
// On a scratch copy of the bench database (the events are written for real).

export interface IngestPhaseResult {
  serverDir: string;
  quiet: Figure[];
  underIngest: (Figure & { samples: number; errors: number })[];
  ingest: IngestLoadResult;
}

const SECRET = 'bench-ingest-secret';

export async function ingestPhase(opts: {
  scratch: string;
  orderNos: string[];
  usedOrderNos: string[];
  seconds: number;
  /** run the server of another checkout (before/after) */
  serverDir?: string;
  latency: (name: string, n: number, request: (i: number) => Promise<Response>) => Promise<Figure>;
}): Promise<IngestPhaseResult> {
  const server = await startServer(opts.scratch, await freePort(), { INGEST_SECRET: SECRET }, opts.serverDir);
  try {
    const cookie = await signIn(server.url, 'agent1', 'agent1-demo');
    const q = (path: string, input: unknown) => `${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
    const kinds: [string, (i: number) => string][] = [
      ['lookup.orderNo', (i) => q('orders.search', { q: opts.orderNos[i % opts.orderNos.length] })],
      ['order.get', (i) => q('orders.get', { orderNo: opts.usedOrderNos[i % opts.usedOrderNos.length] })],
    ];
    const get = (url: string) => fetch(url, { headers: { cookie } });
    const quiet: Figure[] = [];
    for (const [name, url] of kinds) quiet.push(await opts.latency(name, 200, (i) => get(url(i))));

    const load = runIngestLoad({ url: server.url, secret: SECRET, seconds: opts.seconds, batch: 500, seed: 19 });
    let done = false;
    void load.finally(() => (done = true)).catch(() => {});
    // measured from the first committed batch on (the load process takes a moment to start)
    const db = new Database(opts.scratch, { readonly: true });
    try {
      const ingested = db.prepare('select exists (select 1 from ingest_events)').pluck();
      while (!done && !ingested.get()) await sleep(20);
    } finally {
      db.close();
    }
    const times: number[][] = kinds.map(() => []);
    // a connection the server dropped (a kept-alive socket closed while the server was stalled)
    // is counted, not fatal: the report says how many
    const errors = kinds.map(() => 0);
    for (let i = 0; !done; i++) {
      const k = i % kinds.length;
      const started = performance.now();
      const res = await get(kinds[k]![1](i)).catch(() => null);
      if (!res) {
        errors[k]!++;
        continue;
      }
      await res.arrayBuffer();
      if (res.status >= 400) throw new Error(`${kinds[k]![0]} under ingest: HTTP ${res.status}`);
      times[k]!.push(performance.now() - started);
    }
    const ingest = await load;
    const underIngest = kinds.map(([name], k) => {
      const sorted = times[k]!.sort((a, b) => a - b);
      return {
        name: `${name} under ingest`,
        p50Ms: round(percentile(sorted, 50)),
        p95Ms: round(percentile(sorted, 95)),
        p99Ms: round(percentile(sorted, 99)),
        rps: null,
        samples: sorted.length,
        errors: errors[k]!,
      };
    });
    return { serverDir: opts.serverDir ?? '.', quiet, underIngest, ingest };
  } finally {
    server.stop();
  }
}
