import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { hashPassword, OWASP_ARGON2 } from '../../server/auth/password';
import { fail, parseArgs } from '../../server/cli/args';
import { randomPick } from '../support/random-pick';
import { percentile } from './measure';
import { sampleKeys } from './sample-keys';
import { freePort, raiseLookupLimit, signIn, startServer } from './server-process';

// npm run load -- --db PATH [--agents 50] [--seconds 60] [--think-ms 500] [--out FILE]
// Many agents at work at once against the real server: mixed reads (search, order page, usage
// log, case queue) and writes (open a case, quote, approve or propose, log a contact), all on a
// scratch copy of PATH (PATH itself is never written). Reports requests, errors and latency
// percentiles per kind as JSON (--out) and as a table; exits 1 when any request failed.
//
// Each agent pauses between two requests for a random 0.5–1.5 × --think-ms (default 500 ms):
// two actions a second, already many times faster than a person reads an order or types a
// note. --think-ms 0 sends back to back: the server is then always saturated and the figures
// measure its capacity (req/s) and queueing, not what an agent waits.
// Not an assertion of the test suite: test/reliability/load-smoke.test.ts only runs it briefly.
const args = parseArgs(process.argv.slice(2), ['db', 'agents', 'seconds', 'think-ms', 'out']);
const source = args.db ?? fail('--db PATH is required: a seeded database (npm run seed -- --orders N --db PATH)');
if (!existsSync(source)) fail(`no database at ${source}`);
const agents = Number(args.agents ?? 50);
const seconds = Number(args.seconds ?? 60);
if (!Number.isInteger(agents) || agents < 1 || agents > 500) fail('--agents must be a whole number from 1 to 500');
if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) fail('--seconds must be a number from 0 to 3600');
const thinkMs = Number(args['think-ms'] ?? 500);
if (!Number.isFinite(thinkMs) || thinkMs < 0 || thinkMs > 60_000) fail('--think-ms must be a number from 0 to 60000');
const think = () => (thinkMs > 0 ? new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random()))) : Promise.resolve());
const out = args.out ?? `.bench/load-${agents}x${seconds}s.json`;

// The scratch copy, through the backup API: consistent even while PATH is in use.
const dir = mkdtempSync(join(tmpdir(), 'refund-desk-load-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const scratch = join(dir, 'load.db');
{
  const src = new Database(source, { readonly: true, fileMustExist: true });
  await src.backup(scratch, { progress: () => 0x7fffffff });
  src.close();
  // Flush the fresh copy to disk before measuring: otherwise the server's first commit that
  // syncs the file pays for writing gigabytes of the copy (stalls of seconds, not its own cost).
  const fd = openSync(scratch, 'r+');
  fsyncSync(fd);
  closeSync(fd);
}
const keys = sampleKeys(scratch, 200);
// every agent searches by e-mail, far past the PII lookup limit of a person's work
raiseLookupLimit(scratch);
const setup = new Database(scratch);
// One staff account per simulated agent, all sharing one hash. It is Argon2id at OWASP's cost,
// the cost the server expects: fifty sign-ins verify it in well under a second (~15 ms each),
// and a cheaper hash would be upgraded at each agent's first sign-in (a rehash and a write).
const password = 'load-agent-pw';
const hash = await hashPassword(password, OWASP_ARGON2);
const insertStaff = setup.prepare(
  "insert or ignore into staff (username, display_name, role, password_hash, approval_limit_fen, active, created_at) values (?, ?, 'agent', ?, 10000, 1, ?)",
);
for (let i = 1; i <= agents; i++) insertStaff.run(`load-agent-${i}`, `压测坐席${i}`, hash, new Date().toISOString());
const pools = {
  orders: setup
    .prepare(
      `select o.order_no from orders o join plans p on p.code = o.plan_code
       where o.status = 'paid' and o.open_case_no is null and o.anomaly is null and p.tier = 'standard'
         and o.payment_channel in ('alipay', 'wechat_pay', 'bcoin') order by random()`,
    )
    .pluck()
    .all() as string[],
  members: setup.prepare('select uid from members order by random() limit 500').pluck().all() as string[],
};
setup.close();

const KINDS = ['search', 'order.get', 'usage', 'case.list', 'case.create', 'quote', 'approve', 'propose', 'reject', 'comms.log'] as const;
type Kind = (typeof KINDS)[number];
const stats = new Map<Kind, { times: number[]; errors: number }>(KINDS.map((k) => [k, { times: [], errors: 0 }]));
const errorSamples: string[] = [];
const pick = randomPick;

const server = await startServer(scratch, await freePort(), { LOG_LEVEL: 'warn' });
let report: object;
try {
  const cookies: string[] = [];
  for (let i = 1; i <= agents; i++) cookies.push(await signIn(server.url, `load-agent-${i}`, password));
  const deadline = Date.now() + seconds * 1000;

  async function timed<T>(kind: Kind, send: () => Promise<Response>): Promise<T | null> {
    const s = stats.get(kind)!;
    const started = performance.now();
    try {
      const res = await send();
      const text = await res.text();
      s.times.push(performance.now() - started);
      if (res.status !== 200) {
        s.errors++;
        if (errorSamples.length < 20) errorSamples.push(`${kind}: HTTP ${res.status} ${text.slice(0, 200)}`);
        return null;
      }
      return (JSON.parse(text) as { result: { data: T } }).result.data;
    } catch (error) {
      s.times.push(performance.now() - started);
      s.errors++;
      if (errorSamples.length < 20) errorSamples.push(`${kind}: ${String(error)}`);
      return null;
    } finally {
      await think();
    }
  }

  async function agent(cookie: string) {
    const get = (path: string, input: unknown) =>
      fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } });
    const post = (path: string, input: unknown) =>
      fetch(`${server.url}/trpc/${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
    const searches = [
      () => ({ q: pick(keys.orderNos) }),
      () => ({ q: pick(keys.phoneLast4) }),
      () => ({ q: pick(keys.emails) }),
      () => ({ q: pick(keys.nickname2) }),
      () => pick(keys.filters),
    ];
    await think(); // agents start at their own moment, as people do, not all in the same millisecond
    while (Date.now() < deadline) {
      const r = Math.random();
      if (r < 0.35) await timed('search', () => get('orders.search', pick(searches)()));
      else if (r < 0.5)
        await timed('order.get', () => get('orders.get', { orderNo: pick(keys.usedOrderNos.length ? keys.usedOrderNos : keys.orderNos) }));
      else if (r < 0.6)
        await timed('usage', () =>
          get('orders.usage', { orderNo: pick(keys.usedOrderNos.length ? keys.usedOrderNos : keys.orderNos), limit: 100 }),
        );
      else if (r < 0.7)
        await timed('case.list', () => get('cases.list', pick([{ assignee: 'me' }, { open: true }, { overdue: true }, {}])));
      else if (r < 0.8) {
        const body = `来电咨询退款进度，已告知处理时限（压测 ${Date.now()}）`;
        await timed('comms.log', () => post('comms.log', { memberUid: pick(pools.members), direction: 'inbound', channel: 'phone', body }));
      } else {
        const orderNo = pools.orders.pop();
        if (!orderNo) continue;
        const opened = await timed<{ caseNo: string }>('case.create', () =>
          post('cases.create', {
            orderNo,
            channel: 'online_chat',
            reason: 'mistaken_purchase',
            requested: 'full',
            statement: '压测：买错了，申请退款',
          }),
        );
        if (!opened) continue;
        const quote = await timed<{ quoteId: number; amountFen: number; needsSupervisor: boolean }>('quote', () =>
          post('cases.quote', { caseNo: opened.caseNo, basis: { kind: 'calendar' } }),
        );
        if (!quote) continue;
        if (quote.amountFen <= 0) {
          await timed('reject', () =>
            post('cases.reject', { caseNo: opened.caseNo, reasonCode: 'already_used', message: '会员已使用，按政策无可退金额' }),
          );
        } else if (quote.needsSupervisor || quote.amountFen > 10000) {
          await timed('propose', () =>
            post('cases.propose', { caseNo: opened.caseNo, quoteId: quote.quoteId, note: '超出坐席权限，提交主管审批' }),
          );
        } else {
          await timed('approve', () =>
            post('cases.approve', {
              caseNo: opened.caseNo,
              quoteId: quote.quoteId,
              idempotencyKey: `load-${opened.caseNo}-${quote.quoteId}`,
            }),
          );
        }
      }
    }
  }

  const started = performance.now();
  await Promise.all(cookies.map((c) => agent(c)));
  const elapsedS = (performance.now() - started) / 1000;

  const round = (n: number) => Math.round(n * 10) / 10;
  const kinds = [...stats]
    .filter(([, s]) => s.times.length > 0)
    .map(([kind, s]) => {
      const t = [...s.times].sort((a, b) => a - b);
      return {
        kind,
        count: t.length,
        errors: s.errors,
        p50Ms: round(percentile(t, 50)),
        p95Ms: round(percentile(t, 95)),
        p99Ms: round(percentile(t, 99)),
        maxMs: round(t.at(-1) ?? 0),
        rps: round(t.length / elapsedS),
      };
    });
  const requests = kinds.reduce((n, k) => n + k.count, 0);
  const errors = kinds.reduce((n, k) => n + k.errors, 0);
  report = {
    startedAt: new Date(Date.now() - elapsedS * 1000).toISOString(),
    db: source,
    agents,
    thinkMs,
    seconds: round(elapsedS),
    gatewayLatencyMs: 0,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    totals: { requests, errors, rps: round(requests / elapsedS) },
    kinds,
    errorSamples,
  };
  console.table(kinds);
  console.log(
    `${requests} requests in ${round(elapsedS)} s by ${agents} agents (think ${thinkMs} ms): ${round(requests / elapsedS)} req/s, ${errors} errors`,
  );
  for (const e of errorSamples) console.error(`  ${e}`);
} finally {
  server.stop();
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2));
console.log(`report written to ${out}`);
// the server's SIGTERM handler closes the database; the scratch copy goes on exit
await new Promise((r) => setTimeout(r, 500));
process.exit((report as { totals: { errors: number } }).totals.errors > 0 ? 1 : 0);
