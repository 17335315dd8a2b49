// DATABASE_URL=postgres://… node --import tsx test/bench/pg-plans.ts   (a seeded database)
// PostgreSQL's plans of the hot queries (docs/performance.md § PostgreSQL plans): the real
// procedures run through the router on a capturing connection, and every SELECT they issue is
// printed with EXPLAIN (ANALYZE) — the plan chosen at this database's size and its time.
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import { createRecordingSender } from '../../server/adapters/recording-sender';
import { createSimulatedGateway } from '../../server/adapters/simulated-gateway';
import { createContextInner } from '../../server/context';
import { openPostgres } from '../../server/db/postgres-client';
import type { DB } from '../../server/db/schema';
import { createCaller } from '../../server/router';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL: a seeded PostgreSQL database');
const opened = openPostgres(url); // its pool's type parsers; a second Kysely on it captures the SQL
let captured: CompiledQuery[] = [];
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool: opened.pool }),
  log: (event) => {
    if (event.level === 'query') captured.push(event.query);
  },
});
const now = new Date();
const one = async <T>(text: string, params: unknown[] = []) => (await opened.pool.query(text, params)).rows[0] as T;

async function callerAs(username: string) {
  const s = await one<{
    id: number;
    username: string;
    role: 'agent' | 'supervisor';
    display_name: string;
    approval_limit_fen: number | null;
  }>('select id, username, role, display_name, approval_limit_fen from staff where username = $1', [username]);
  return createCaller(
    createContextInner(
      {
        db,
        reader: db,
        dbPath: '',
        now: () => now,
        gateway: createSimulatedGateway({ latencyMs: 0, failureRate: 0, timeoutRate: 0 }),
        sender: createRecordingSender(),
        config: { sessionIdleMinutes: 120, cookieSecure: false },
      },
      {
        staff: { id: s.id, username: s.username, role: s.role, displayName: s.display_name, approvalLimitFen: s.approval_limit_fen },
        clientIp: '127.0.0.1',
      },
    ),
  );
}

const agent = await callerAs('agent1');
const supervisor = await callerAs('super1');
const sample = await one<{ order_no: string; phone: string }>(
  `select o.order_no, m.phone from orders o join members m on m.uid = o.member_uid order by o.order_no offset 5000 limit 1`,
);
const counts = await one<{ orders: number; cases: number }>(
  'select (select count(*) from orders) as orders, (select count(*) from refund_cases) as cases',
);
console.log(`# ${counts.orders.toLocaleString('en')} orders, ${counts.cases.toLocaleString('en')} cases\n`);

const calls: [string, () => Promise<unknown>][] = [
  ['order-number lookup', () => agent.orders.search({ q: sample.order_no })],
  ['phone search (whole number)', () => agent.orders.search({ q: sample.phone })],
  ['phone search (last 4 digits)', () => agent.orders.search({ q: sample.phone.slice(-4) })],
  ['cases list: my queue', () => agent.cases.list({ assignee: 'me', open: true })],
  ['cases list: the team queue (open, SLA order)', () => supervisor.cases.list({ open: true })],
  ['cases list: filtered with total', () => supervisor.cases.list({ status: 'refunded', reason: 'mistaken_purchase', withTotal: true })],
];

for (const [name, call] of calls) {
  await call(); // warm
  captured = [];
  await call();
  console.log(`## ${name}\n`);
  for (const q of captured.filter((c) => /^\s*(select|with)\b/i.test(c.sql))) {
    const { rows } = await opened.pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off) ${q.sql}`, [...q.parameters]);
    console.log('```');
    console.log(q.sql.replace(/\s+/g, ' ').slice(0, 400));
    console.log('--');
    for (const r of rows) console.log(r['QUERY PLAN']);
    console.log('```\n');
  }
}
await opened.close();
