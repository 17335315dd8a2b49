import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChainAsync } from '../../server/audit/verify-chain-async';
import { openPostgres, type OpenedPostgres } from '../../server/db/postgres-client';
import { seedDatabase } from '../../server/seed/seed-database';
import { seedPostgres } from '../../server/seed/seed-postgres';
import { startServer } from '../reliability/support/server-process';
import { httpApi, signIn } from '../reliability/support/http-api';
import { emptyPostgresDatabase } from '../support/pg-test-db';

// The demo seed on PostgreSQL (docs/deployment.md § PostgreSQL): `npm run seed` with
// DATABASE_URL, and the demo data a first start puts into a database without tables. The same
// seed and "now" on SQLite must give the same rows on PostgreSQL.

const NOW = new Date('2026-11-24T10:00:00.000Z');
const ORDERS = 400;
const dir = mkdtempSync(join(tmpdir(), 'refund-desk-pg-seed-'));
const drops: (() => Promise<void>)[] = [];
let url: string;
let opened: OpenedPostgres;
let sqlite: Database.Database;

beforeAll(async () => {
  const target = await emptyPostgresDatabase('seed');
  drops.push(target.drop);
  url = target.url;
  const path = join(dir, 'same.db');
  await Promise.all([
    seedPostgres({ url, orders: ORDERS, seed: 7, progress: false, now: NOW }),
    seedDatabase({ path, orders: ORDERS, seed: 7, progress: false, now: NOW }),
  ]);
  sqlite = new Database(path, { readonly: true });
  opened = openPostgres(url, { max: 2 });
}, 120_000);

afterAll(async () => {
  sqlite?.close();
  await opened?.close();
  for (const drop of drops) await drop();
  rmSync(dir, { recursive: true, force: true });
});

const pgRows = async <T>(text: string, params: unknown[] = []) => (await opened.pool.query(text, params)).rows as T[];
const pgRow = async <T>(text: string, params: unknown[] = []) => (await pgRows<T>(text, params))[0]!;

describe('npm run seed on PostgreSQL', () => {
  it('writes the rows the same seed writes to SQLite, table by table', async () => {
    const tables = (
      await pgRows<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely%'",
      )
    ).map((t) => t.name);
    expect(tables.length).toBeGreaterThan(30);
    for (const table of tables) {
      const { n } = await pgRow<{ n: number }>(`select count(*) as n from ${table}`);
      const { n: expected } = sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number };
      expect(n, table).toBe(expected);
    }
    const { n: usage } = await pgRow<{ n: number }>('select count(*) as n from usage_events');
    expect(usage).toBeGreaterThan(ORDERS); // not an empty copy
    // the same values, not only as many: the audit chain's hashes cover every column of every event
    const heads = await pgRows<{ hash: string }>('select hash from audit_events order by id');
    const fileHeads = sqlite.prepare('select hash from audit_events order by id').all() as { hash: string }[];
    expect(heads).toEqual(fileHeads);
    // the generated column and the trigger-kept gram table are PostgreSQL's own, and agree
    const [order] = await pgRows<{ sort_at: string; created_at: string; paid_at: string | null }>(
      'select sort_at, created_at, paid_at from orders order by order_no limit 1',
    );
    expect(order!.sort_at).toBe(order!.paid_at ?? order!.created_at);
  });

  it('leaves a chain that verifies, foreign keys in place and numbering after the copied ids', async () => {
    expect(await verifyAuditChainAsync(opened.db)).toMatchObject({ ok: true });
    const fks = await pgRows<{ n: number }>("select count(*) as n from pg_constraint where contype = 'f'");
    expect(fks[0]!.n).toBeGreaterThan(30);
    const { max } = await pgRow<{ max: number }>('select max(id) as max from communications');
    const [comm] = await pgRows<{ case_no: string; member_uid: string }>('select case_no, member_uid from communications limit 1');
    const { id } = await pgRow<{ id: number }>(
      `insert into communications (case_no, member_uid, direction, channel, body, created_at)
       values ($1, $2, 'note', 'phone', '测试备注', $3) returning id`,
      [comm!.case_no, comm!.member_uid, NOW.toISOString()],
    );
    expect(id).toBe(max + 1);
  });

  it('refuses a database that has tables unless told to replace them', async () => {
    await expect(seedPostgres({ url, orders: 10, seed: 1, progress: false, now: NOW })).rejects.toThrow(/already has tables.*--replace/);
    const { n } = await pgRow<{ n: number }>('select count(*) as n from orders');
    expect(n).toBe(ORDERS);
  });
});

describe('the first start on an empty PostgreSQL database', () => {
  it('seeds the demo data, then serves it', async () => {
    const target = await emptyPostgresDatabase('first_start');
    drops.push(target.drop);
    const server = await startServer(join(dir, 'first-start.db'), { DATABASE_URL: target.url, DEMO_ORDERS: '120' });
    try {
      expect(server.output()).toMatch(/seeding a demo database with 120 orders/);
      const cookie = await signIn(server.url, 'agent1', 'agent1-demo');
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      const { rows } = await client.query<{ order_no: string }>('select order_no from orders order by order_no limit 1');
      await client.end();
      const found = await httpApi(server.url, cookie).query<{ items: { orderNo: string }[] }>('orders.search', { q: rows[0]!.order_no });
      expect(found.status).toBe(200);
      expect(found.data!.items.map((o) => o.orderNo)).toEqual([rows[0]!.order_no]);
    } finally {
      await server.stop();
    }
    // a second start finds the tables and seeds nothing
    const again = await startServer(join(dir, 'first-start.db'), { DATABASE_URL: target.url, DEMO_ORDERS: '120' });
    await again.stop();
    expect(again.output()).not.toMatch(/seeding a demo database/);
  }, 120_000);
});
