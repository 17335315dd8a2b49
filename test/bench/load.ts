import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { hashPassword, OWASP_ARGON2 } from '../../server/auth/password';
import { fail, parseArgs } from '../../server/cli/args';
import { openDatabase, openReader } from '../../server/db/client';
import { migrateToLatest } from '../../server/db/migrate';
import { openPostgres } from '../../server/db/postgres-client';
import { randomPick } from '../support/random-pick';
import { refundProblems } from '../support/refund-invariants';
import { percentile } from './measure';
import { postgresCopyOf } from './pg-bench-db';
import { sampleKeys } from './sample-keys';
import { freePort, raiseLookupLimit, signIn, startServer } from './server-process';

// npm run load -- --db PATH [--agents 50] [--seconds 60] [--think-ms 500] [--servers 1] [--out FILE]
// Many agents at work at once against the real server: mixed reads (search, order page, usage
// log, case queue) and writes (open a case, quote, approve or propose, log a contact), all on a
// scratch copy of PATH (PATH itself is never written). Reports requests, errors and latency
// percentiles per kind as JSON (--out) and as a table; exits 1 when any request failed, or when
// the refunds the run made are not each paid once (checked in the database after the run).
//
// With DATABASE_URL=postgres://… the servers run on PostgreSQL: the scratch copy is copied into a
// new database on that server (`<name>_load_<pid>`, copySqliteToPostgres; dropped at the end;
// DATABASE_URL's own database is never written), and --servers N starts N console processes on
// it (issue 21, docs/deployment.md § Several servers), the agents spread over them round robin;
// the report gives each server's figures and the total. On SQLite there is one server per file.
//
// Each agent pauses between two requests for a random 0.5–1.5 × --think-ms (default 500 ms):
// two actions a second, already many times faster than a person reads an order or types a
// note. --think-ms 0 sends back to back: the server is then always saturated and the figures
// measure its capacity (req/s) and queueing, not what an agent waits.
// Not an assertion of the test suite: test/reliability/load-smoke.test.ts only runs it briefly.
const args = parseArgs(process.argv.slice(2), ['db', 'agents', 'seconds', 'think-ms', 'servers', 'out']);
const source = args.db ?? fail('--db PATH is required: a seeded database (npm run seed -- --orders N --db PATH)');
if (!existsSync(source)) fail(`no database at ${source}`);
const agents = Number(args.agents ?? 50);
const seconds = Number(args.seconds ?? 60);
if (!Number.isInteger(agents) || agents < 1 || agents > 500) fail('--agents must be a whole number from 1 to 500');
if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) fail('--seconds must be a number from 0 to 3600');
const thinkMs = Number(args['think-ms'] ?? 500);
if (!Number.isFinite(thinkMs) || thinkMs < 0 || thinkMs > 60_000) fail('--think-ms must be a number from 0 to 60000');
const think = () => (thinkMs > 0 ? new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random()))) : Promise.resolve());
const serverCount = Number(args.servers ?? 1);
if (!Number.isInteger(serverCount) || serverCount < 1 || serverCount > 8) fail('--servers must be a whole number from 1 to 8');
const pgUrl = process.env.DATABASE_URL ?? '';
if (pgUrl && !/^postgres(ql)?:\/\//.test(pgUrl)) fail('DATABASE_URL must be a postgres:// URL');
if (serverCount > 1 && !pgUrl) fail('--servers above 1 needs DATABASE_URL=postgres://…: one SQLite file has one server');
const out = args.out ?? `.bench/load-${agents}x${seconds}s${serverCount > 1 ? `-${serverCount}servers` : ''}.json`;

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

// PostgreSQL: the prepared scratch copy (agents and the lookup limit included), migrated to this
// checkout's schema, becomes a database of its own for the run.
let pgCopy: { url: string; drop: () => Promise<void> } | null = null;
if (pgUrl) {
  const migrating = openDatabase(scratch);
  await migrateToLatest(migrating.db).finally(() => migrating.close());
  const copyStarted = performance.now();
  pgCopy = await postgresCopyOf(pgUrl, scratch);
  console.log(`copied the scratch copy into PostgreSQL in ${((performance.now() - copyStarted) / 1000).toFixed(1)} s`);
}

const KINDS = ['search', 'order.get', 'usage', 'case.list', 'case.create', 'quote', 'approve', 'propose', 'reject', 'comms.log'] as const;
type Kind = (typeof KINDS)[number];
type Stats = Map<Kind, { times: number[]; errors: number }>;
const newStats = (): Stats => new Map(KINDS.map((k) => [k, { times: [], errors: 0 }]));
/** per server, in the order they were started */
const stats: Stats[] = Array.from({ length: serverCount }, newStats);
const errorSamples: string[] = [];
/** approvals answered 200: idempotency key → the refund the answer named */
const approved = new Map<string, number>();
const pick = randomPick;

// one after another: each migrates at start and the first creates the audit signing key
const servers: Awaited<ReturnType<typeof startServer>>[] = [];
let report: { totals: { errors: number }; refunds: { problems: object } } | null = null;
try {
  for (let i = 0; i < serverCount; i++)
    servers.push(await startServer(scratch, await freePort(), { LOG_LEVEL: 'warn', ...(pgCopy ? { DATABASE_URL: pgCopy.url } : {}) }));
  // agent i works on server i mod N (round robin), signed in there
  const serverOf = (agent: number) => agent % serverCount;
  const cookies: string[] = [];
  for (let i = 0; i < agents; i++) cookies.push(await signIn(servers[serverOf(i)]!.url, `load-agent-${i + 1}`, password));
  const deadline = Date.now() + seconds * 1000;

  async function timedOn<T>(on: number, kind: Kind, send: () => Promise<Response>): Promise<T | null> {
    const s = stats[on]!.get(kind)!;
    const started = performance.now();
    try {
      const res = await send();
      const text = await res.text();
      s.times.push(performance.now() - started);
      if (res.status !== 200) {
        s.errors++;
        if (errorSamples.length < 20) errorSamples.push(`${kind} (server ${on + 1}): HTTP ${res.status} ${text.slice(0, 200)}`);
        return null;
      }
      return (JSON.parse(text) as { result: { data: T } }).result.data;
    } catch (error) {
      s.times.push(performance.now() - started);
      s.errors++;
      if (errorSamples.length < 20) errorSamples.push(`${kind} (server ${on + 1}): ${String(error)}`);
      return null;
    } finally {
      await think();
    }
  }

  async function agent(on: number, cookie: string) {
    const { url } = servers[on]!;
    const timed = <T>(kind: Kind, send: () => Promise<Response>) => timedOn<T>(on, kind, send);
    const get = (path: string, input: unknown) =>
      fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } });
    const post = (path: string, input: unknown) =>
      fetch(`${url}/trpc/${path}`, {
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
          const idempotencyKey = `load-${opened.caseNo}-${quote.quoteId}`;
          const answer = await timed<{ refund: { refundId: number } }>('approve', () =>
            post('cases.approve', { caseNo: opened.caseNo, quoteId: quote.quoteId, idempotencyKey }),
          );
          if (answer) approved.set(idempotencyKey, answer.refund.refundId);
        }
      }
    }
  }

  const started = performance.now();
  await Promise.all(cookies.map((c, i) => agent(serverOf(i), c)));
  const elapsedS = (performance.now() - started) / 1000;

  const round = (n: number) => Math.round(n * 10) / 10;
  const figures = (of: Stats) => {
    const kinds = [...of]
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
    return { totals: { requests, errors, rps: round(requests / elapsedS) }, kinds };
  };
  const all = newStats();
  for (const perServer of stats)
    for (const [kind, s] of perServer) {
      const into = all.get(kind)!;
      into.times.push(...s.times);
      into.errors += s.errors;
    }
  const total = figures(all);
  const perServer = stats.map((s, i) => ({
    server: i + 1,
    url: servers[i]!.url,
    agents: cookies.filter((_, a) => serverOf(a) === i).length,
    ...figures(s),
  }));

  // Each refund the run made paid once: every approval answered is its one refund row, paid, and
  // the money, audit and case checks hold (test/support/refund-invariants.ts). The simulated
  // gateway lives in each server's process, so "paid" is what the database recorded.
  const checking = pgCopy ? openPostgres(pgCopy.url, { max: 1 }) : openReader(scratch);
  let refunds;
  try {
    const rows = await checking.db
      .selectFrom('refunds')
      .select(['id', 'idempotency_key', 'status'])
      .where('idempotency_key', 'like', 'load-%')
      .execute();
    const byKey = new Map(rows.map((r) => [r.idempotency_key, r]));
    const problems = await refundProblems(checking.db, { keyLike: 'load-%' });
    const notAsAnswered = [...approved].filter(([key, id]) => byKey.get(key)?.id !== id || byKey.get(key)?.status !== 'succeeded');
    if (notAsAnswered.length > 0) problems.approvalNotPaidAsAnswered = notAsAnswered;
    const unanswered = rows.filter((r) => !approved.has(r.idempotency_key));
    if (unanswered.length > 0) problems.refundWithoutAnsweredApproval = unanswered;
    refunds = {
      approved: approved.size,
      rows: rows.length,
      succeeded: rows.filter((r) => r.status === 'succeeded').length,
      problems,
    };
  } finally {
    await checking.close();
  }

  const built = {
    startedAt: new Date(Date.now() - elapsedS * 1000).toISOString(),
    db: source,
    engine: pgCopy ? 'postgres' : 'sqlite',
    servers: serverCount,
    agents,
    thinkMs,
    seconds: round(elapsedS),
    gatewayLatencyMs: 0,
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: loadavg().map(round),
    },
    ...total,
    perServer,
    refunds,
    errorSamples,
  };
  report = built;
  if (serverCount > 1)
    for (const s of perServer) {
      console.log(
        `server ${s.server} (${s.url}, ${s.agents} agents): ${s.totals.requests} requests, ${s.totals.rps} req/s, ${s.totals.errors} errors`,
      );
      console.table(s.kinds);
    }
  console.table(total.kinds);
  console.log(
    `${total.totals.requests} requests in ${round(elapsedS)} s by ${agents} agents (think ${thinkMs} ms)` +
      `${serverCount > 1 ? ` on ${serverCount} servers` : ''}: ${total.totals.rps} req/s, ${total.totals.errors} errors`,
  );
  const problemNames = Object.keys(refunds.problems);
  console.log(
    `refunds: ${refunds.approved} approvals answered, ${refunds.succeeded} of ${refunds.rows} refunds paid, ` +
      (problemNames.length === 0 ? 'each once' : `PROBLEMS: ${JSON.stringify(refunds.problems).slice(0, 2000)}`),
  );
  for (const e of errorSamples) console.error(`  ${e}`);
} finally {
  for (const s of servers) s.stop();
  // the servers' SIGTERM handlers close the database; the SQLite scratch copy goes on exit
  await new Promise((r) => setTimeout(r, 1_000));
  await pgCopy?.drop();
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2));
console.log(`report written to ${out}`);
const failed = !report || report.totals.errors > 0 || Object.keys(report.refunds.problems).length > 0;
process.exit(failed ? 1 : 0);
