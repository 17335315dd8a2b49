import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fail, parseArgs } from '../../server/cli/args';
import { inProcessGet, loadCheckout } from './in-process-request';
import { median } from './measure';

// npx tsx test/bench/request-path-ab.ts --a DIR --b DIR [--db FILE] [--batches 14] [--per-batch 2000]
//
// A before/after of the console's request path in ONE process, for a machine too busy for the
// throughput bench to tell a 10 % change from noise (issue 17, docs/performance.md): the server
// of two checkouts (A and B, e.g. this one and a `git archive` of the commit before, with
// node_modules linked) is built by its own createHttpServer on its own copy of the database, and
// its request listener is called with a real IncomingMessage and ServerResponse over a socket that
// discards what it is sent — no TCP, no HTTP parsing, which are the same for both. Batches of
// order-number lookups alternate A B, B A, …; each batch's CPU time (process.cpuUsage) per
// request is recorded, and the median of the per-batch ratios A/B is the figure. A/A runs give
// 0.95–1.05 on the busy machine.
const args = parseArgs(process.argv.slice(2), ['a', 'b', 'db', 'batches', 'per-batch']);
if (!args.a || !args.b) fail('--a DIR and --b DIR name the two checkouts');
const src = args.db ?? '.bench/orders-200000-seed-42.db';
if (!existsSync(src)) fail(`no database at ${src}: npm run seed -- --orders 200000 --db ${src}`);
const batches = Number(args.batches ?? 14);
const perBatch = Number(args['per-batch'] ?? 2000);

/** A copy of the database for one side (its server writes: sessions, workers, checkpoints). */
async function copyFor(side: string): Promise<string> {
  const copy = resolve(`.bench/request-path-${side}.db`);
  if (!existsSync(copy)) {
    const from = new Database(src, { readonly: true });
    await from.backup(copy);
    from.close();
  }
  return copy;
}

const load = (dir: string, dbPath: string) => loadCheckout(dir, { DB_PATH: dbPath });
type Side = Awaited<ReturnType<typeof load>>;

const request = (side: Side, url: string) => inProcessGet(side.listener, side.cookie, url);

const orderNos = new Database(src, { readonly: true })
  .prepare('select order_no from orders order by random() limit 50')
  .pluck()
  .all() as string[];
const urls = orderNos.map((o) => `/trpc/orders.search?input=${encodeURIComponent(JSON.stringify({ q: o }))}`);
const A = await load(args.a, await copyFor('A'));
const B = await load(args.b, await copyFor('B'));

async function cpuPerRequest(side: Side, n: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const status = await request(side, urls[i % urls.length]!);
    if (status !== 200) throw new Error(`HTTP ${status}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

await cpuPerRequest(A, perBatch); // warm-up: JIT, statement caches, sessions
await cpuPerRequest(B, perBatch);
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < batches; i++) {
  if (i % 2) {
    b.push(await cpuPerRequest(B, perBatch));
    a.push(await cpuPerRequest(A, perBatch));
  } else {
    a.push(await cpuPerRequest(A, perBatch));
    b.push(await cpuPerRequest(B, perBatch));
  }
}
const list = (xs: number[], digits = 0) => xs.map((x) => x.toFixed(digits)).join(' ');
const ratios = a.map((x, i) => x / b[i]!);
console.log(`A ${args.a}: median ${median(a).toFixed(1)} µs CPU/request  [${list(a)}]`);
console.log(`B ${args.b}: median ${median(b).toFixed(1)} µs CPU/request  [${list(b)}]`);
console.log(`A/B per batch: median ${median(ratios).toFixed(3)}  [${list(ratios, 2)}]`);
process.exit(0);
