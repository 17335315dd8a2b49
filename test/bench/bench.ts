import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from '../../server/cli/args';
import { seedDatabase } from '../../server/seed/seed-database';
import { bundleSizes } from './bundle-sizes';
import { startFloorServer } from './floor-server';
import { latency, throughput, type Figure } from './measure';
import { sampleKeys } from './sample-keys';
import { freePort, raiseLookupLimit, signIn, startServer } from './server-process';

// npm run bench -- --orders N --out FILE: the real server on a seeded database of N orders,
// measured through HTTP (see README "Performance").
const args = parseArgs(process.argv.slice(2), ['orders', 'out', 'seed', 'requests']);
const orders = Number(args.orders ?? 1_000_000);
const seed = Number(args.seed ?? 42);
const n = Number(args.requests ?? 200);
const out = args.out ?? `.bench/bench-${orders}.json`;
mkdirSync('.bench', { recursive: true });

const dbPath = `.bench/orders-${orders}-seed-${seed}.db`;
if (!existsSync(dbPath)) {
  console.log(`seeding ${orders} orders into ${dbPath} (cached for later runs)…`);
  const s = await seedDatabase({ path: dbPath, orders, seed, progress: true });
  console.log(`seeded in ${(s.ms / 1000).toFixed(1)} s`);
}
// search.email looks up 200 distinct e-mail addresses as agent1: past the PII lookup limit
raiseLookupLimit(dbPath);
const scratch = `.bench/scratch-${Date.now()}.db`;
{
  const src = new Database(dbPath, { readonly: true });
  await src.backup(scratch);
  src.close();
}
const keys = sampleKeys(dbPath, n);

const results: Figure[] = [];
const main = await startServer(dbPath, await freePort());
const writes = await startServer(scratch, await freePort());
const floor = await startFloorServer(dbPath);
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
  for (const [name, path] of reads) {
    const figure = await latency(name, n, (i) => get(path(i)));
    if (name === 'lookup.orderNo')
      figure.rps = await throughput(
        main.url,
        keys.orderNos.slice(0, 50).map((o) => q('orders.search', { q: o })),
        h,
      );
    results.push(figure);
    console.log(`  ${name}: p95 ${figure.p95Ms} ms`);
  }
  const floorFigure = await latency('floor.lookup.orderNo', n, (i) =>
    fetch(`http://127.0.0.1:${floor.port}/?orderNo=${pick(keys.orderNos, i)}`),
  );
  floorFigure.rps = await throughput(
    `http://127.0.0.1:${floor.port}`,
    keys.orderNos.slice(0, 50).map((o) => `/?orderNo=${o}`),
    {},
  );
  results.push(floorFigure);

  // quote and approve on a scratch copy: cases are opened, quoted and paid back for real — an
  // agent makes the quotes and a supervisor checks them (maker–checker: the maker never approves
  // a refund that needs a supervisor)
  const maker = await signIn(writes.url, 'agent1', 'agent1-demo');
  const checker = await signIn(writes.url, 'super1', 'super1-demo');
  const postAs = (cookie: string) => (path: string, body: unknown) =>
    fetch(`${writes.url}/trpc/${path}`, {
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
  writes.stop();
  floor.server.close();
}

const bundle = bundleSizes('dist/client');
const report = {
  orders,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  results,
  bundle,
};
writeFileSync(out, JSON.stringify(report, null, 2));
console.table(results);
console.log(`initial JS ${bundle.initialJsGzipKb} kB gzipped; report written to ${out}`);
spawn('rm', ['-f', scratch, `${scratch}-wal`, `${scratch}-shm`]);
