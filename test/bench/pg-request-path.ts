import pg from 'pg';
import { readFileSync } from 'node:fs';
import { fail, parseArgs } from '../../server/cli/args';
import { inProcessGet, loadCheckout } from './in-process-request';
import { median } from './measure';

// DATABASE_URL=postgres://…/bench_pg_100k npx tsx test/bench/pg-request-path.ts --a DIR [--b DIR]
//   [--kind lookup|email|order] [--batches 10] [--per-batch 400] [--concurrency 1]
//
// Where the console's time goes on PostgreSQL, per request, in ONE process (issue 21,
// docs/performance.md § PostgreSQL: the request path): the server of one or two checkouts is
// built by its own createHttpServer on the same prepared bench database, and its request
// listener is called with a real IncomingMessage and ServerResponse over a socket that discards
// what it is sent (as request-path-ab.ts does for SQLite). For each side it prints the
// statements a request sends to PostgreSQL (counted on pg's Client), and for batches
// alternating A B, B A, … the CPU per request of this process (process.cpuUsage) and of
// PostgreSQL's backends serving it (/proc, found by application_name), and the wall time per
// request. The figures to compare are the medians of the per-batch ratios A/B.
const args = parseArgs(process.argv.slice(2), ['a', 'b', 'kind', 'batches', 'per-batch', 'concurrency', 'show-sql']);
const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL: a PostgreSQL database the bench prepared (npm run bench -- --only prepare)');
if (!args.a) fail('--a DIR names a checkout (and --b DIR another, for a before/after)');
const kind = args.kind ?? 'lookup';
if (!['lookup', 'email', 'order'].includes(kind)) fail('--kind is lookup, email or order');
const batches = Number(args.batches ?? 10);
const perBatch = Number(args['per-batch'] ?? 400);
const concurrency = Number(args.concurrency ?? 1);

// Every statement any side sends goes through pg's Client#query (the pool's clients too).
let statements = 0;
let showSql = false; // --show-sql yes: print the statements of one request of each side
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...rest: unknown[]) {
  statements++;
  if (showSql)
    console.log(
      `  ${String(typeof rest[0] === 'string' ? rest[0] : (rest[0] as { text: string }).text)
        .replace(/\s+/g, ' ')
        .slice(0, 160)}`,
    );
  return (query as (...a: unknown[]) => unknown).apply(this, rest);
} as typeof query;

const admin = new pg.Client({ connectionString: url });
await admin.connect();
const sample = (sql: string) => admin.query(sql).then((r) => r.rows.map((row) => Object.values(row)[0] as string));
const keys =
  kind === 'email'
    ? await sample('select email from members where email is not null order by uid limit 2000')
    : kind === 'order'
      ? await sample('select order_no from entitlements where activated_at is not null order by order_no limit 50 offset 1000')
      : await sample('select order_no from orders order by order_no limit 50 offset 1000');
const pathFor = (i: number) =>
  kind === 'order'
    ? `/trpc/orders.get?input=${encodeURIComponent(JSON.stringify({ orderNo: keys[i % keys.length] }))}`
    : `/trpc/orders.search?input=${encodeURIComponent(JSON.stringify({ q: keys[i % keys.length] }))}`;

async function load(dir: string, name: string) {
  const sideUrl = new URL(url!);
  sideUrl.searchParams.set('application_name', `request-path-${name}`);
  return { name, dir, ...(await loadCheckout(dir, { DATABASE_URL: sideUrl.toString() })) };
}
type Side = Awaited<ReturnType<typeof load>>;

const request = (side: Side, path: string) => inProcessGet(side.listener, side.cookie, path);

/** CPU seconds (user + system) PostgreSQL's backends of this side have used so far. */
async function backendCpu(side: Side): Promise<number> {
  const pids = await sample(`select pid from pg_stat_activity where application_name = 'request-path-${side.name}'`);
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // a backend that ended meanwhile
    }
  }
  return total;
}

let next = 0;
async function batch(side: Side, n: number) {
  const cpuBefore = process.cpuUsage();
  const pgBefore = await backendCpu(side);
  const statementsBefore = statements;
  const started = performance.now();
  let left = n;
  const worker = async () => {
    while (left-- > 0) {
      const status = await request(side, pathFor(next++));
      if (status !== 200) throw new Error(`${side.name}: HTTP ${status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  const sent = statements - statementsBefore;
  const used = process.cpuUsage(cpuBefore);
  const pgUs = ((await backendCpu(side)) - pgBefore) * 1e6;
  return { nodeUs: (used.user + used.system) / n, pgUs: pgUs / n, wallUs: (wallMs * 1000) / n, statements: sent / n };
}

const sides = [await load(args.a, 'A'), ...(args.b ? [await load(args.b, 'B')] : [])];
for (const side of sides) await batch(side, perBatch); // warm-up: JIT, pool, sessions
if (args['show-sql']) {
  for (const side of sides) {
    console.log(`${side.name}: the statements of one request`);
    showSql = true;
    await batch(side, 1);
    showSql = false;
  }
}
const figures = new Map(sides.map((s) => [s.name, [] as Awaited<ReturnType<typeof batch>>[]]));
for (let i = 0; i < batches; i++) {
  for (const side of i % 2 ? [...sides].reverse() : sides) figures.get(side.name)!.push(await batch(side, perBatch));
}
const f1 = (x: number) => x.toFixed(1);
console.log(`${kind}, ${batches} batches of ${perBatch}, ${concurrency} at a time`);
for (const side of sides) {
  const list = figures.get(side.name)!;
  const m = (k: keyof (typeof list)[number]) => median(list.map((x) => x[k]));
  console.log(
    `${side.name} ${side.dir}: statements/request ${f1(m('statements'))}; µs per request: node CPU ${f1(m('nodeUs'))}, PostgreSQL CPU ${f1(m('pgUs'))}, wall ${f1(m('wallUs'))}`,
  );
}
if (sides.length === 2) {
  const [a, b] = [figures.get('A')!, figures.get('B')!];
  const ratio = (k: 'nodeUs' | 'pgUs' | 'wallUs') => median(a.map((x, i) => x[k] / b[i]![k])).toFixed(3);
  console.log(`A/B per batch, medians: node CPU ${ratio('nodeUs')}, PostgreSQL CPU ${ratio('pgUs')}, wall ${ratio('wallUs')}`);
}
await admin.end();
process.exit(0);
