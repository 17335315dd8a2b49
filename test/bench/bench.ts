import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fail, parseArgs } from '../../server/cli/args';
import { seedDatabase } from '../../server/seed/seed-database';
import { bundleSizes } from './bundle-sizes';
import { ingestPhase } from './ingest-phase';
import type { LoadResult, LoadSpec } from './load-generator';
import { latency, median, type Figure } from './measure';
import { postgresCpuSeconds, postgresScratch, preparePostgresBench } from './pg-bench-db';
import { sampleKeys } from './sample-keys';
import { cpuSecondsOf, freePort, raiseLookupLimit, runLoad, signIn, startFloor, startServer } from './server-process';

// npm run bench -- --orders N --out FILE [--rounds 3] [--round-seconds 10]: the real server on a
// seeded database of N orders, measured through HTTP (see README "Performance" and
// docs/performance.md "How the bench measures"). Three processes besides the bench's own: the
// console server, the floor (the same lookup on bare node:http) and, for each throughput run, the
// load generator. Floor and console rounds alternate (F C F C F C) and the ratio console/floor is
// the median of the pairs' ratios. Then the ingest phase (ingest-phase.ts): the platform posting
// signed batches of 500 events while an agent looks orders up (`--only ingest` runs it alone;
// `--server-dir DIR` runs the server of another checkout, for a before/after). `--only throughput`
// runs the throughput rounds alone; `--baseline-dir DIR` adds a third kind of round to them, the
// console of another checkout on a copy of the database (F C B F C B …), for a before/after of a
// change to the request path measured in the same run.
// With DATABASE_URL=postgres://… the console runs on PostgreSQL: the cached SQLite file is copied
// into that database the first time (it must be empty then; it is kept), the approvals run on a
// scratch copy of it, the floor stays the bare SQLite lookup, and the ingest phase is skipped.
// `--only prepare` seeds (and with DATABASE_URL copies) the database and stops: a long first
// preparation (1,000,000 orders) made ahead of the measurement.
const args = parseArgs(process.argv.slice(2), [
  'orders',
  'out',
  'seed',
  'requests',
  'rounds',
  'round-seconds',
  'ingest-seconds',
  'only',
  'server-dir',
  'baseline-dir',
]);
const orders = Number(args.orders ?? 1_000_000);
const seed = Number(args.seed ?? 42);
const n = Number(args.requests ?? 200);
const rounds = Number(args.rounds ?? 3);
const roundSeconds = Number(args['round-seconds'] ?? 10);
const ingestSeconds = Number(args['ingest-seconds'] ?? 20);
if (!Number.isFinite(ingestSeconds) || ingestSeconds < 1 || ingestSeconds > 600) fail('--ingest-seconds must be a number from 1 to 600');
if (args.only !== undefined && !['ingest', 'throughput', 'prepare'].includes(args.only))
  fail('--only takes one phase: ingest, throughput or prepare');
const pgUrl = process.env.DATABASE_URL ?? '';
if (pgUrl && args.only === 'ingest') fail('the ingest phase runs on SQLite only: unset DATABASE_URL');
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50)
  fail('--rounds must be a whole number from 1 to 50 (3 or more for a figure to quote)');
if (!Number.isFinite(roundSeconds) || roundSeconds < 1 || roundSeconds > 600) fail('--round-seconds must be a number from 1 to 600');
const out = args.out ?? `.bench/bench-${orders}.json`;
mkdirSync('.bench', { recursive: true });
const loadBefore = loadavg();

const dbPath = `.bench/orders-${orders}-seed-${seed}.db`;
if (!existsSync(dbPath)) {
  console.log(`seeding ${orders} orders into ${dbPath} (cached for later runs)…`);
  const s = await seedDatabase({ path: dbPath, orders, seed, progress: true });
  console.log(`seeded in ${(s.ms / 1000).toFixed(1)} s`);
}
// search.email looks up 200 distinct e-mail addresses as agent1: past the PII lookup limit
raiseLookupLimit(dbPath);
if (pgUrl) await preparePostgresBench(pgUrl, dbPath); // after: the copy has the raised limit too
if (args.only === 'prepare') {
  console.log(`prepared ${dbPath}${pgUrl ? ' and its copy in PostgreSQL' : ''}: nothing measured`);
  process.exit(0);
}
const scratch = `.bench/scratch-${Date.now()}.db`;
// the approvals' copy; the ingest phase and the throughput rounds alone do not write
if (args.only === undefined) {
  const src = new Database(dbPath, { readonly: true });
  await src.backup(scratch);
  src.close();
}
const keys = sampleKeys(dbPath, n);

function machineNow() {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadavgBefore: loadBefore,
    loadavgAfter: loadavg(),
  };
}

/** The ingest phase on a scratch copy of its own (ingest-phase.ts). */
async function runIngestPhase() {
  const copy = `.bench/ingest-scratch-${Date.now()}.db`;
  const src = new Database(dbPath, { readonly: true });
  await src.backup(copy);
  src.close();
  if (args['server-dir']) forgetMigrationsUnknownTo(copy, args['server-dir']);
  try {
    const r = await ingestPhase({
      scratch: copy,
      orderNos: keys.orderNos,
      usedOrderNos: keys.usedOrderNos,
      seconds: ingestSeconds,
      serverDir: args['server-dir'],
      latency,
    });
    console.log(
      `  ingest: ${r.ingest.eventsPerSecond} events/s sustained over ${r.ingest.seconds} s (batches of 500: p95 ${r.ingest.batchMs.p95} ms; target ≥ 2,000 events/s)`,
    );
    for (const f of r.underIngest) {
      const before = r.quiet.find((x) => f.name.startsWith(x.name));
      console.log(`  ${f.name}: p95 ${f.p95Ms} ms (quiet ${before?.p95Ms} ms), ${f.samples} requests, ${f.errors} dropped connections`);
    }
    return r;
  } finally {
    spawn('rm', ['-f', copy, `${copy}-wal`, `${copy}-shm`, `${copy}.audit-checkpoints.jsonl`]);
  }
}

/**
 * For a before/after with an older checkout's server: its migrator refuses a database that ran
 * migrations it does not know, so the copy forgets those (their tables stay, unused by it).
 */
function forgetMigrationsUnknownTo(path: string, serverDir: string) {
  const db = new Database(path);
  try {
    const names = db.prepare('select name from kysely_migration').pluck().all() as string[];
    for (const name of names)
      if (!existsSync(`${serverDir}/server/db/migrations/${name}.ts`)) db.prepare('delete from kysely_migration where name = ?').run(name);
  } finally {
    db.close();
  }
}

if (args.only === 'ingest') {
  const ingest = await runIngestPhase();
  const report = {
    orders,
    machine: { cpus: cpus().length, node: process.version, loadavgBefore: loadBefore, loadavgAfter: loadavg() },
    ingest,
  };
  writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`report written to ${out}`);
  process.exit(0);
}

// Throughput: 20 connections back to back over the same 50 order numbers, for the console and
// for the floor alike.
const CONNECTIONS = 20;
const lookupKeys = keys.orderNos.slice(0, 50);
interface Round {
  round: number;
  kind: 'floor' | 'console' | 'baseline';
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** the server process's CPU time (user + system) per answered request, in µs; null off Linux */
  cpuUsPerRequest: number | null;
  /** on PostgreSQL: the CPU of the database's backends serving that server, per request (included in cpuUsPerRequest) */
  pgCpuUsPerRequest?: number | null;
}
const throughputRounds: Round[] = [];
let throughputSummary: Record<string, unknown> = {};
let latencyUnderLoad: Record<string, unknown> = {};

const results: Figure[] = [];
const throughputOnly = args.only === 'throughput';
const baselineDir = args['baseline-dir'];
// on PostgreSQL the baseline reads the same database (the throughput rounds only read)
const baselineDb = baselineDir && !pgUrl ? `.bench/baseline-scratch-${Date.now()}.db` : null;
if (baselineDir && baselineDb) {
  const src = new Database(dbPath, { readonly: true });
  await src.backup(baselineDb);
  src.close();
  forgetMigrationsUnknownTo(baselineDb, baselineDir);
}
const removeBaselineCopy = () => {
  for (const suffix of ['', '-wal', '-shm', '.audit-checkpoints.jsonl']) if (baselineDb) rmSync(`${baselineDb}${suffix}`, { force: true });
};
// each server's PostgreSQL connections carry its name, so that their backends' CPU is counted
const pgUrlAs = (name: string) => {
  const u = new URL(pgUrl);
  u.searchParams.set('application_name', name);
  return u.toString();
};
const main = await startServer(dbPath, await freePort(), pgUrl ? { DATABASE_URL: pgUrlAs('bench-console') } : {});
if (pgUrl) console.log('console on PostgreSQL; the floor is the bare SQLite lookup on the same data');
const floor = await startFloor(dbPath, await freePort());
const baseline = !baselineDir
  ? null
  : pgUrl
    ? await startServer(dbPath, await freePort(), { DATABASE_URL: pgUrlAs('bench-baseline') }, baselineDir)
    : baselineDb
      ? await startServer(baselineDb, await freePort(), {}, baselineDir)
      : null;
let writes: Awaited<ReturnType<typeof startServer>> | null = null;
let dropPgScratch: (() => Promise<void>) | null = null;
try {
  const cookie = await signIn(main.url, 'agent1', 'agent1-demo');
  const h = { cookie };
  const q = (path: string, input: unknown) => `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const get = (path: string) => fetch(main.url + path, { headers: h });
  const pick = <T>(list: T[], i: number): T => {
    if (list.length === 0) throw new RangeError('bench: nothing to pick from');
    return list[i % list.length]!; // an index in [0, length)
  };

  const reads: [string, (i: number) => string][] = [
    ['lookup.orderNo', (i) => q('orders.search', { q: pick(keys.orderNos, i) })],
    ['search.phoneLast4', (i) => q('orders.search', { q: pick(keys.phoneLast4, i) })],
    ['search.email', (i) => q('orders.search', { q: pick(keys.emails, i) })],
    ['search.nickname2', (i) => q('orders.search', { q: pick(keys.nickname2, i) })],
    ['search.nickname3', (i) => q('orders.search', { q: pick(keys.nickname3, i) })],
    ['search.filtered', (i) => q('orders.search', pick(keys.filters, i))],
    ['order.get', (i) => q('orders.get', { orderNo: pick(keys.usedOrderNos, i) })],
    ['usage.page', (i) => q('orders.usage', { orderNo: pick(keys.usedOrderNos, i), limit: 100 })],
  ];
  for (const [name, path] of throughputOnly ? [] : reads) {
    const figure = await latency(name, n, (i) => get(path(i)));
    results.push(figure);
    console.log(`  ${name}: p95 ${figure.p95Ms} ms`);
  }
  const floorFigure = throughputOnly
    ? { name: 'floor.lookup.orderNo', p50Ms: NaN, p95Ms: NaN, p99Ms: NaN, rps: null }
    : await latency('floor.lookup.orderNo', n, (i) => fetch(`${floor.url}/?orderNo=${pick(keys.orderNos, i)}`));
  results.push(floorFigure);

  // Throughput, fairly: each server in its own process, the load from a third; the two kinds
  // alternate so that a machine growing busier or quieter meanwhile weighs on both alike. One
  // unrecorded warm-up each first (JIT, statement cache, page cache).
  const floorLoad: LoadSpec = {
    mode: 'saturate',
    url: floor.url,
    paths: lookupKeys.map((o) => `/?orderNo=${o}`),
    headers: {},
    seconds: roundSeconds,
    connections: CONNECTIONS,
  };
  const consoleLoad: LoadSpec = {
    mode: 'saturate',
    url: main.url,
    paths: lookupKeys.map((o) => q('orders.search', { q: o })),
    headers: h,
    seconds: roundSeconds,
    connections: CONNECTIONS,
  };
  const baselineLoad: LoadSpec | null = baseline
    ? { ...consoleLoad, url: baseline.url, headers: { cookie: await signIn(baseline.url, 'agent1', 'agent1-demo') } }
    : null;
  await runLoad({ ...floorLoad, seconds: 2 });
  await runLoad({ ...consoleLoad, seconds: 2 });
  if (baselineLoad) await runLoad({ ...baselineLoad, seconds: 2 });
  const pidOf = { floor: floor.pid, console: main.pid, baseline: baseline?.pid };
  const postgresCpuOf = (kind: 'console' | 'baseline') => (pgUrl ? postgresCpuSeconds(pgUrl, `bench-${kind}`) : Promise.resolve(null));
  // one load run, with the CPU the server under load used meanwhile
  const measured = async (kind: Round['kind'], spec: LoadSpec) => {
    const before = cpuSecondsOf(pidOf[kind]);
    const pgBefore = kind === 'floor' ? null : await postgresCpuOf(kind);
    const r = await runLoad(spec);
    const after = cpuSecondsOf(pidOf[kind]);
    const pgAfter = kind === 'floor' ? null : await postgresCpuOf(kind);
    const perRequest = (seconds: number) => Math.round((seconds * 1e6) / r.requests);
    const pgCpuUs = pgBefore === null || pgAfter === null || r.requests === 0 ? null : perRequest(pgAfter - pgBefore);
    const cpuUs = before === null || after === null || r.requests === 0 ? null : perRequest(after - before) + (pgCpuUs ?? 0);
    return { ...r, cpuUs, pgCpuUs };
  };
  const record = (round: number, kind: Round['kind'], r: LoadResult & { cpuUs: number | null; pgCpuUs: number | null }) => {
    throughputRounds.push({
      round,
      kind,
      rps: r.rps,
      p50Ms: r.latencyMs.p50,
      p99Ms: r.latencyMs.p99,
      cpuUsPerRequest: r.cpuUs,
      ...(pgUrl ? { pgCpuUsPerRequest: r.pgCpuUs } : {}),
    });
    console.log(
      `  round ${round} ${kind.padEnd(8)} ${String(r.rps).padStart(6)} req/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  CPU ${r.cpuUs ?? '?'} µs/request${r.pgCpuUs === null ? '' : ` (PostgreSQL ${r.pgCpuUs})`}`,
    );
  };
  // floor CPU per request ÷ console CPU per request: the ratio a machine of our own would show
  const cpuRatio = (f: { cpuUs: number | null }, c: { cpuUs: number | null }) =>
    f.cpuUs === null || c.cpuUs === null || c.cpuUs === 0 ? null : Math.round((f.cpuUs / c.cpuUs) * 1000) / 1000;
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const baselineRatios: number[] = [];
  const baselineCpuRatios: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const f = await measured('floor', floorLoad);
    record(round, 'floor', f);
    const c = await measured('console', consoleLoad);
    record(round, 'console', c);
    ratios.push(Math.round((c.rps / f.rps) * 1000) / 1000);
    const cr = cpuRatio(f, c);
    if (cr !== null) cpuRatios.push(cr);
    if (baselineLoad) {
      const b = await measured('baseline', baselineLoad);
      record(round, 'baseline', b);
      baselineRatios.push(Math.round((b.rps / f.rps) * 1000) / 1000);
      const br = cpuRatio(f, b);
      if (br !== null) baselineCpuRatios.push(br);
    }
  }
  const floorRps = median(throughputRounds.filter((r) => r.kind === 'floor').map((r) => r.rps));
  const consoleRps = median(throughputRounds.filter((r) => r.kind === 'console').map((r) => r.rps));
  const medianRatio = median(ratios);
  throughputSummary = {
    connections: CONNECTIONS,
    roundSeconds,
    keys: lookupKeys.length,
    rounds: throughputRounds,
    ratios,
    medianRatio,
    floorMedianRps: floorRps,
    consoleMedianRps: consoleRps,
    cpuRatios,
    cpuMedianRatio: median(cpuRatios),
    ...(baseline
      ? {
          baselineDir,
          baselineRatios,
          baselineMedianRatio: median(baselineRatios),
          baselineCpuRatios,
          baselineCpuMedianRatio: median(baselineCpuRatios),
        }
      : {}),
  };
  results[0]!.rps = consoleRps;
  floorFigure.rps = floorRps;
  console.log(`  lookup console/floor: ${ratios.join(', ')} → median ${medianRatio} (target ≥ 0.40)`);
  console.log(`  CPU per request, floor/console: ${cpuRatios.join(', ')} → median ${median(cpuRatios)}`);
  if (baseline) {
    console.log(`  baseline/floor (${baselineDir}): ${baselineRatios.join(', ')} → median ${median(baselineRatios)}`);
    console.log(`  CPU per request, floor/baseline: ${baselineCpuRatios.join(', ')} → median ${median(baselineCpuRatios)}`);
  }

  // Latency under load: the lookup at half the console's own maximum rate (the median of its
  // rounds), open-loop at evenly spaced instants — what an agent waits on a busy but not
  // saturated server. autocannon's overallRate (bursts each second) beside it for comparison.
  const rate = Math.max(1, Math.round(consoleRps / 2));
  const paced = await runLoad({ ...consoleLoad, mode: 'paced', rate, connections: 50 });
  const bursty = await runLoad({ ...consoleLoad, mode: 'rate', rate });
  latencyUnderLoad = { maxRps: consoleRps, targetRps: rate, paced, autocannonOverallRate: bursty };
  console.log(
    `  lookup at ${rate} req/s (50 % of ${consoleRps}): p99 ${paced.latencyMs.p99} ms paced, ${bursty.latencyMs.p99} ms with autocannon overallRate`,
  );
  main.stop();
  floor.stop();
  baseline?.stop();
  if (throughputOnly) {
    const report = { orders, machine: machineNow(), throughput: throughputSummary, latencyUnderLoad };
    writeFileSync(out, JSON.stringify(report, null, 2));
    console.log(`report written to ${out}`);
    removeBaselineCopy();
    process.exit(0);
  }

  // quote and approve on a scratch copy: cases are opened, quoted and paid back for real — an
  // agent makes the quotes and a supervisor checks them (maker–checker: the maker never approves
  // a refund that needs a supervisor)
  const pgScratch = pgUrl ? await postgresScratch(pgUrl) : null; // the main server has stopped: the template is free
  dropPgScratch = pgScratch?.drop ?? null;
  const writer = (writes = await startServer(scratch, await freePort(), pgScratch ? { DATABASE_URL: pgScratch.url } : {}));
  const maker = await signIn(writer.url, 'agent1', 'agent1-demo');
  const checker = await signIn(writer.url, 'super1', 'super1-demo');
  const postAs = (cookie: string) => (path: string, body: unknown) =>
    fetch(`${writer.url}/trpc/${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const post = postAs(maker);
  const check = postAs(checker);
  const cases: string[] = [];
  for (const orderNo of keys.quotableOrderNos) {
    const res = await post('cases.create', {
      orderNo,
      channel: 'phone',
      reason: 'dissatisfied',
      requested: 'prorated',
      statement: 'bench',
    });
    if (res.ok) cases.push((await res.json()).result.data.caseNo);
  }
  const quotes: { caseNo: string; quoteId: number; amountFen: number }[] = [];
  results.push(
    await latency('quote', cases.length, async (i) => {
      const res = await post('cases.quote', { caseNo: cases[i % cases.length], basis: { kind: 'calendar' } });
      const copy = res.clone();
      const caseNo = cases[i]; // the warm-up requests (i >= cases.length) record nothing
      if (res.ok && caseNo !== undefined) {
        const data = (await copy.json()).result.data;
        quotes.push({ caseNo, quoteId: data.quoteId, amountFen: data.amountFen });
      }
      return res;
    }),
  );
  const payable = quotes.filter((x) => x.amountFen > 0);
  results.push(
    await latency('approve', payable.length - 20, (i) => {
      const x = pick(payable, i);
      return check('cases.approve', { caseNo: x.caseNo, quoteId: x.quoteId, idempotencyKey: `bench-${x.caseNo}-${x.quoteId}` });
    }),
  );
} finally {
  main.stop();
  floor.stop();
  baseline?.stop();
  writes?.stop();
}
if (dropPgScratch) {
  await new Promise((r) => setTimeout(r, 500)); // the writer's connections close as it exits
  await dropPgScratch();
}
const ingest = pgUrl ? null : await runIngestPhase();

const bundle = existsSync('dist/client/index.html') ? bundleSizes('dist/client') : null; // npm run build first
const machine = machineNow();
const report = {
  orders,
  engine: pgUrl ? 'postgres' : 'sqlite',
  machine,
  results,
  throughput: throughputSummary,
  latencyUnderLoad,
  ingest,
  bundle,
};
writeFileSync(out, JSON.stringify(report, null, 2));
console.table(results);
console.log(
  `${bundle ? `initial JS ${bundle.initialJsGzipKb} kB gzipped` : 'no build in dist/client: no bundle sizes'}; report written to ${out}`,
);
spawn('rm', ['-f', scratch, `${scratch}-wal`, `${scratch}-shm`]);
removeBaselineCopy();
