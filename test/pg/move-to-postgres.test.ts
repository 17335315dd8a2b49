import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFileFor } from '../../server/audit/checkpoints';
import { loadOrCreateSigningKey } from '../../server/audit/signing-key';
import { writeCheckpoint } from '../../server/audit/write-checkpoint';
import { removeTemplate } from '../../server/comms/templates';
import { openDatabase } from '../../server/db/client';
import { seedDatabase } from '../../server/seed/seed-database';
import { httpApi, signIn } from '../reliability/support/http-api';
import { startServer } from '../reliability/support/server-process';
import { emptyPostgresDatabase } from '../support/pg-test-db';

// `npm run db:to-postgres -- --db FILE` (docs/deployment.md § Moving from SQLite): a seeded
// SQLite file with a signed audit checkpoint beside it moves into an empty PostgreSQL database;
// every table holds as many rows, `npm run audit:verify` with DATABASE_URL verifies it against
// the file's checkpoints, and a console started on it finds an order and pays a refund back,
// numbering new rows past every id the file ever gave out.

const dir = mkdtempSync(join(tmpdir(), 'refund-desk-pg-move-'));
const file = join(dir, 'db', 'refund-desk.db');
const keyFile = join(dir, 'keys', 'audit.key');
const drops: (() => Promise<void>)[] = [];
let url: string;
let removedTemplateId: number;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { timeout: 110_000, env: { ...process.env, AUDIT_SIGNING_KEY_FILE: keyFile, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const move = (args: string[] = []) => run('server/cli/to-postgres.ts', ['--db', file, ...args], { DATABASE_URL: url });
const auditVerify = () => run('server/cli/audit-verify.ts', ['--db', file], { DATABASE_URL: url });

async function query<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const inFile = <T>(fn: (sqlite: Database.Database) => T): T => {
  const sqlite = new Database(file, { readonly: true });
  try {
    return fn(sqlite);
  } finally {
    sqlite.close();
  }
};

beforeAll(async () => {
  mkdirSync(join(dir, 'db'));
  mkdirSync(join(dir, 'keys'));
  await seedDatabase({ path: file, orders: 200, seed: 9, progress: false });
  const opened = openDatabase(file);
  try {
    // a supervisor removes the newest reply template: SQLite never gives its id out again
    const newest = await opened.db.selectFrom('message_templates').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    removedTemplateId = newest.id;
    const supervisor = await opened.db
      .selectFrom('staff')
      .select(['id', 'username', 'role'])
      .where('username', '=', 'super1')
      .executeTakeFirstOrThrow();
    await removeTemplate(opened.db, supervisor, { id: removedTemplateId }, new Date());
    // the checkpoint a server on the file would have signed
    const { key } = loadOrCreateSigningKey(keyFile, file);
    const signed = await writeCheckpoint(opened.db, { file: checkpointFileFor(file), key, now: new Date() });
    expect(signed.written).toBe(true);
  } finally {
    await opened.close();
  }
  const target = await emptyPostgresDatabase('move');
  drops.push(target.drop);
  url = target.url;
}, 120_000);

afterAll(async () => {
  for (const drop of drops) await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run db:to-postgres', () => {
  it('carries every table, row for row, and prints the counts', async () => {
    const moved = await move();
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toMatch(/usage_events: [\d,]+ rows/); // progress
    const tables = (
      await query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely%'",
      )
    ).map((t) => t.name);
    expect(tables.length).toBeGreaterThan(30);
    for (const table of tables) {
      const [{ n }] = (await query<{ n: number }>(`select count(*)::int as n from ${table}`)) as [{ n: number }];
      const expected = inFile((s) => s.prepare(`select count(*) from ${table}`).pluck().get() as number);
      expect(n, table).toBe(expected);
      expect(moved.stdout, table).toMatch(new RegExp(`^  ${table} +${expected.toLocaleString('en')}$`, 'm'));
    }
    const [{ n: orders }] = (await query<{ n: number }>('select count(*)::int as n from orders')) as [{ n: number }];
    expect(orders).toBe(200);
  });

  it('leaves an audit trail that audit:verify holds against the checkpoints beside the file', async () => {
    const verified = await auditVerify();
    expect(verified.code, verified.stderr + verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/audit chain intact: \d+ events verified against 1 signed checkpoint/);
  });

  it('refuses a database that is not empty, unless --replace', async () => {
    const again = await move();
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty \(\d+ tables\).*--replace/);
    const replaced = await move(['--replace']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toMatch(/--replace: dropping the \d+ tables/);
    const [{ n }] = (await query<{ n: number }>('select count(*)::int as n from orders')) as [{ n: number }];
    expect(n).toBe(200);
  });

  it('a console started on the moved database finds an order and pays a refund back; new ids come after the file’s', async () => {
    const maxIn = (table: string) => inFile((s) => s.prepare(`select coalesce(max(id), 0) from ${table}`).pluck().get() as number);
    const before = { quotes: maxIn('quotes'), refunds: maxIn('refunds'), decisions: maxIn('case_decisions') };
    const orderNo = inFile(
      (s) =>
        s
          .prepare(
            `select o.order_no from orders o join plans p on p.code = o.plan_code
             where o.status = 'paid' and o.refunded_fen = 0 and o.open_case_no is null and o.anomaly is null
               and p.tier = 'standard' and o.payment_channel in ('alipay', 'wechat_pay') order by o.paid_at desc limit 1`,
          )
          .pluck()
          .get() as string,
    );
    expect(orderNo).toBeTruthy();
    const server = await startServer(file, { DATABASE_URL: url, AUDIT_SIGNING_KEY_FILE: keyFile });
    try {
      const agent = httpApi(server.url, await signIn(server.url, 'agent1', 'agent1-demo'));
      const found = await agent.query<{ items: { orderNo: string }[] }>('orders.search', { q: orderNo });
      expect(found.status, found.text).toBe(200);
      expect(found.data!.items.map((o) => o.orderNo)).toEqual([orderNo]);

      const opened = await agent.mutate<{ caseNo: string }>('cases.create', {
        orderNo,
        channel: 'phone',
        reason: 'mistaken_purchase',
        requested: 'full',
        statement: '迁移后的第一笔退款',
      });
      expect(opened.status, opened.text).toBe(200);
      const caseNo = opened.data!.caseNo;
      const quoted = await agent.mutate<{ quoteId: number; amountFen: number; needsSupervisor: boolean }>('cases.quote', {
        caseNo,
        basis: { kind: 'calendar' },
      });
      expect(quoted.status, quoted.text).toBe(200);
      expect(quoted.data!.quoteId).toBeGreaterThan(before.quotes);
      const { quoteId, amountFen, needsSupervisor } = quoted.data!;
      expect(amountFen).toBeGreaterThan(0);
      const approver =
        !needsSupervisor && amountFen <= 10_000 ? agent : httpApi(server.url, await signIn(server.url, 'super1', 'super1-demo'));
      const approved = await approver.mutate<{ refund: { refundId: number; status: string } }>('cases.approve', {
        caseNo,
        quoteId,
        idempotencyKey: `moved-${caseNo}`,
      });
      expect(approved.status, approved.text).toBe(200);
      expect(approved.data!.refund.refundId).toBeGreaterThan(before.refunds);
      expect(approved.data!.refund.status).toBe('succeeded');

      // a template saved now is numbered past the one removed in the file, not given its id again
      const supervisor = httpApi(server.url, await signIn(server.url, 'super1', 'super1-demo'));
      const saved = await supervisor.mutate<{ id: number }>('templates.save', {
        code: 'after_move',
        locale: 'zh-CN',
        title: '迁移后',
        body: '您好，您的退款已处理。',
      });
      expect(saved.status, saved.text).toBe(200);
      expect(saved.data!.id).toBeGreaterThan(removedTemplateId);
    } finally {
      await server.stop();
    }
    // the server signed checkpoints of its own into the file's chain of them: it still verifies
    const verified = await auditVerify();
    expect(verified.code, verified.stderr + verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/verified against [2-9]\d* signed checkpoints/);
  }, 120_000);
});
