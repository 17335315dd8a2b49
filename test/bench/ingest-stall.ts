import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fail, parseArgs } from '../../server/cli/args';
import { migrateToLatest } from '../../server/db/migrate';
import { createDeps } from '../../server/deps';
import { readEnv } from '../../server/env';
import { createHttpServer } from '../../server/http/app';

// npx tsx test/bench/ingest-stall.ts [--orders 5000] [--checkpoint-every-ms 500] [--seed 7]
// How long the server's event loop stalls while the platform posts its events (issue 19,
// docs/performance.md "Checkpoints on a thread of their own"). The server runs in this process on
// a fresh, migrated SQLite file, wired as `npm start` wires it (createDeps); the fake platform
// posts the events of --orders orders from a process of its own (`platform:fake --send`, batches
// of 500, one at a time); perf_hooks' monitorEventLoopDelay (1 ms resolution) records the loop's
// delays meanwhile, and the WAL file's size is sampled every 20 ms. --checkpoint-every-ms 0 runs
// the server as before (SQLite checkpointing on the committing connection). Each COMMIT on the
// server's connection is timed too (the statement wrapped as it is prepared). Prints one JSON line.
const args = parseArgs(process.argv.slice(2), ['orders', 'checkpoint-every-ms', 'seed']);
const orders = Number(args.orders ?? 5000);
const everyMs = Number(args['checkpoint-every-ms'] ?? 500);
if (!Number.isInteger(orders) || orders < 1 || !Number.isInteger(everyMs) || everyMs < 0)
  fail('--orders and --checkpoint-every-ms take whole numbers');

const dir = mkdtempSync(join(tmpdir(), 'refund-desk-stall-'));
const dbPath = join(dir, 'stall.db');
const SECRET = 'stall-bench-secret';
// every COMMIT's time on the thread that runs it (the server's connection; the worker has no transactions)
const commits: number[] = [];
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, text: string) {
  const statement = prepare.call(this, text);
  if (/^\s*commit/i.test(text)) {
    const run = statement.run.bind(statement) as (...params: unknown[]) => Database.RunResult;
    statement.run = (...params: unknown[]) => {
      const t0 = performance.now();
      try {
        return run(...params);
      } finally {
        commits.push(performance.now() - t0);
      }
    };
  }
  return statement;
} as typeof prepare;

const { PAYMENT_GATEWAY_URL: _gateway, MESSAGE_SENDER_URL: _sender, DATABASE_URL: _pg, ...inherited } = process.env;
const env = readEnv({
  ...inherited,
  DB_PATH: dbPath,
  INGEST_SECRET: SECRET,
  SQLITE_CHECKPOINT_EVERY_MS: String(everyMs),
  LOG_LEVEL: 'warn',
});
const { deps, database } = createDeps(env);
await migrateToLatest(deps.db);
const server = createHttpServer({ deps, allowedOrigins: [], clientDir: '/nonexistent' });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

let walMax = 0;
const wal = `${dbPath}-wal`;
const sampler = setInterval(() => {
  if (existsSync(wal)) walMax = Math.max(walMax, statSync(wal).size);
}, 20);
const loadBefore = loadavg()[0]!;
const delay = monitorEventLoopDelay({ resolution: 1 });
const started = Date.now();
// measured from the first batch on (the sender's start-up is not the server's business)
server.once('request', () => delay.enable());
const sender = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'test/support/fake-platform-cli.ts',
    '--send',
    url,
    '--orders',
    String(orders),
    '--secret',
    SECRET,
    '--seed',
    args.seed ?? '7',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, INGEST_SECRET: '' } },
);
let out = '';
sender.stdout!.on('data', (b: Buffer) => (out += b.toString('utf8')));
const code = await new Promise<number | null>((r) => sender.once('exit', r));
delay.disable();
clearInterval(sampler);
const wallMs = Date.now() - started;
if (code !== 0) fail(`the sender failed (exit ${code}): ${out}`);
const sent = JSON.parse(out.trim().split('\n').pop()!) as { sent: number; ms: number };
const ms = (ns: number) => Math.round(ns / 1e4) / 100;
const sorted = commits.sort((a, b) => a - b);
const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 100) / 100;
console.log(
  JSON.stringify({
    checkpointEveryMs: everyMs,
    orders,
    events: sent.sent,
    sendMs: sent.ms,
    eventsPerSecond: Math.round((sent.sent / sent.ms) * 1000),
    wallMs,
    loopDelayMs: {
      mean: ms(delay.mean),
      p50: ms(delay.percentile(50)),
      p90: ms(delay.percentile(90)),
      p99: ms(delay.percentile(99)),
      p999: ms(delay.percentile(99.9)),
      max: ms(delay.max),
    },
    commitMs: {
      count: sorted.length,
      mean: Math.round((sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)) * 100) / 100,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: at(1),
    },
    walMaxBytes: walMax,
    load: [Math.round(loadBefore * 10) / 10, Math.round(loadavg()[0]! * 10) / 10],
  }),
);
await new Promise((r) => server.close(r));
await database.close();
rmSync(dir, { recursive: true, force: true });
