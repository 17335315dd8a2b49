import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type OpenedPostgres } from '../../server/db/postgres-client';
import { orderWithMember } from '../api/cases-support';
import { httpApi, signIn } from '../reliability/support/http-api';
import { startServer, type RunningServer } from '../reliability/support/server-process';
import { PG_TEST_URL } from '../support/pg-test-db';
import { createStaff, type TestWorld } from '../support/test-db';
import { worldWithPlans } from '../support/world';

// DATABASE_READ_URL (docs/deployment.md § Read replicas): the reads that go through Deps.reader
// go to the replica. The "replica" here is the same database under a role whose transactions
// are read-only (default_transaction_read_only), as a hot standby's are: writes through it fail,
// reads work, and the real server, given both URLs, serves searches and order pages through it
// while sign-in and the PII lookup's audit go to the primary.

const ROLE = `refund_desk_ro_${process.pid}`;
let world: TestWorld;
let readUrl: string;
let replica: OpenedPostgres;
let server: RunningServer;

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: world.databaseUrl! });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  world = await worldWithPlans();
  if (!world.databaseUrl) throw new Error('run with the PostgreSQL config: npm run test:pg');
  const database = new URL(world.databaseUrl).pathname.slice(1);
  await admin(`drop role if exists ${ROLE}`);
  await admin(`create role ${ROLE} login`);
  await admin(`grant all on all tables in schema public to ${ROLE}`); // refused only by read-only transactions
  await admin(`alter role ${ROLE} set default_transaction_read_only = on`);
  const url = new URL(PG_TEST_URL);
  url.username = ROLE;
  url.pathname = `/${database}`;
  readUrl = url.toString();
  replica = openPostgres(readUrl, { max: 2 });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await replica?.close();
  await world?.cleanup(); // drops the database, and with it the role's grants
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  await client.query(`drop role if exists ${ROLE}`);
  await client.end();
});

describe('DATABASE_READ_URL', () => {
  it('the read-only connection reads and refuses writes', async () => {
    const { order } = await orderWithMember(world, { plan_code: 'std_month' });
    const read = await replica.db.selectFrom('orders').select('order_no').where('order_no', '=', order.order_no).executeTakeFirst();
    expect(read?.order_no).toBe(order.order_no);
    await expect(
      replica.db.updateTable('orders').set({ anomaly: 'risk_hold' }).where('order_no', '=', order.order_no).execute(),
    ).rejects.toThrow(/read-only transaction/);
  });

  it('the server reads through it and writes to the primary', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order, member } = await orderWithMember(world, { plan_code: 'std_month' });
    server = await startServer(join(world.dir, 'replica.db'), { DATABASE_URL: world.databaseUrl!, DATABASE_READ_URL: readUrl });
    const api = httpApi(server.url, await signIn(server.url, agent.username, agent.password)); // a session written on the primary

    const found = await api.query<{ items: { orderNo: string }[] }>('orders.search', { q: order.order_no });
    expect(found.status).toBe(200);
    expect(found.data!.items.map((o) => o.orderNo)).toEqual([order.order_no]);
    const page = await api.query<{ order: { orderNo: string } }>('orders.get', { orderNo: order.order_no });
    expect(page.status).toBe(200);
    // a phone search is an audited PII lookup: its audit event is a write, on the primary
    const byPhone = await api.query<{ items: { orderNo: string }[] }>('orders.search', { q: member.phone });
    expect(byPhone.status).toBe(200);
    const audited = await world.deps.db.selectFrom('audit_events').select('action').where('actor_id', '=', agent.id).execute();
    expect(audited.length).toBeGreaterThan(0);

    // the server holds connections as the read-only role: the reads went there
    const { rows } = await replica.pool.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where usename = $1 and pid <> pg_backend_pid()',
      [ROLE],
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  }, 120_000);

  it('reads sessions on the primary: a replica behind a sign-in or a sign-out changes neither', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    // a database that never saw this sign-in: a replica as far behind as one can be
    const lagging = await worldWithPlans();
    const behind = await startServer(join(world.dir, 'behind.db'), {
      DATABASE_URL: world.databaseUrl!,
      DATABASE_READ_URL: lagging.databaseUrl!,
    });
    try {
      const cookie = await signIn(behind.url, agent.username, agent.password);
      const api = httpApi(behind.url, cookie);
      const me = await api.query<{ username: string }>('auth.me');
      expect(me.status, 'the session just written on the primary is known at once').toBe(200);
      expect(me.data?.username).toBe(agent.username);
      expect((await api.mutate('auth.logout', {})).status).toBe(200);
      expect((await api.query('auth.me')).status, 'the sign-out holds at once').toBe(401);
    } finally {
      await behind.stop();
      await lagging.cleanup();
    }
  }, 120_000);
});
