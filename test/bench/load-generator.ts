import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { spreadOf } from './measure';

// The load generator as a process of its own (`runLoad` in server-process.ts starts it): the
// server under test, the floor and the client that loads them never share a thread. It reads one
// LoadSpec as JSON from argv[2], runs it and prints one LoadResult as JSON on stdout.
//
// - 'saturate': autocannon, `connections` clients back to back (the maximum rate).
// - 'rate': autocannon with a fixed `overallRate`. autocannon limits each connection to its share
//   per wall-clock second and sends that share back to back, so the load comes in bursts at the
//   start of each second (the server is saturated for part of every second, idle the rest).
// - 'paced': an open-loop client: requests leave at evenly spaced instants (`rate` a second)
//   whatever the answers do, and each latency runs from the instant the request was due, so
//   a server that falls behind is charged for the queue it causes (no coordinated omission).
//   The first second (sockets opening, the client's own warm-up) is sent but not recorded.

export interface LoadSpec {
  mode: 'saturate' | 'rate' | 'paced';
  url: string;
  /** Request paths, used in rotation. */
  paths: string[];
  headers: Record<string, string>;
  seconds: number;
  connections: number;
  /** Requests per second, for 'rate' and 'paced'. */
  rate?: number;
}

export interface LoadResult {
  mode: LoadSpec['mode'];
  seconds: number;
  connections: number;
  targetRps: number | null;
  requests: number;
  /** Completed requests per second over the run. */
  rps: number;
  non2xx: number;
  errors: number;
  /** Every response's time, in ms (not autocannon's whole-millisecond histogram). */
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

function summarise(spec: LoadSpec, times: number[], non2xx: number, errors: number, elapsedS: number): LoadResult {
  return {
    mode: spec.mode,
    seconds: spec.seconds,
    connections: spec.connections,
    targetRps: spec.rate ?? null,
    requests: times.length + non2xx,
    rps: Math.round((times.length + non2xx) / elapsedS),
    non2xx,
    errors,
    latencyMs: spreadOf(times, [50, 90, 99]),
  };
}

function withAutocannon(spec: LoadSpec): Promise<LoadResult> {
  const times: number[] = [];
  let non2xx = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.seconds,
        headers: spec.headers,
        requests: spec.paths.map((path) => ({ method: 'GET' as const, path })),
        ...(spec.mode === 'rate' ? { overallRate: spec.rate } : {}),
      },
      (error, result) => {
        if (error) return reject(error);
        resolve(summarise(spec, times, non2xx, result.errors, result.duration));
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
      else non2xx++;
    });
  });
}

function paced(spec: LoadSpec): Promise<LoadResult> {
  const rate = spec.rate ?? 0;
  if (!(rate > 0)) throw new RangeError('paced: rate must be positive');
  const target = new URL(spec.url);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const times: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  let pending = 0;
  const LEAD_IN_S = 1;
  const total = Math.round(rate * (spec.seconds + LEAD_IN_S));
  const recordFrom = Math.round(rate * LEAD_IN_S);
  const started = performance.now();
  return new Promise((resolve) => {
    const done = () => {
      agent.destroy();
      resolve(summarise(spec, times, non2xx, errors, (performance.now() - started) / 1000 - LEAD_IN_S));
    };
    const send = (n: number, due: number, path: string) => {
      const recorded = n >= recordFrom;
      pending++;
      const req = request({ host: target.hostname, port: target.port, path, headers: spec.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) non2xx++;
          else if (recorded) times.push(performance.now() - due);
          if (--pending === 0 && sent === total) done();
        });
      });
      req.on('error', () => {
        errors++;
        if (--pending === 0 && sent === total) done();
      });
      req.end();
    };
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - started) / 1000) * rate) + 1);
      for (; sent < due; sent++) send(sent, started + (sent / rate) * 1000, spec.paths[sent % spec.paths.length]!);
      if (sent < total) setTimeout(tick, 1);
      else if (pending === 0) done();
    };
    tick();
  });
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const result = spec.mode === 'paced' ? await paced(spec) : await withAutocannon(spec);
process.stdout.write(`${JSON.stringify(result)}\n`);
