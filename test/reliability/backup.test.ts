import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/db/postgres-client';
import { emptyPostgresDatabase } from '../support/pg-test-db';
import { httpApi, signIn } from './support/http-api';
import { checkDatabase, checkSqliteFile, emptyAcknowledged, type Acknowledged } from './support/invariants';
import { seededTarget, type SeededTarget } from './support/seeded-target';
import { startServer, type RunningServer } from './support/server-process';
import { loadPools, startWriteLoad } from './support/write-load';

// The backup drill: `npm run backup` copies the database while the real server takes a write
// load; the copy passes integrity_check and its audit chain verifies, holds every change the API
// acknowledged before the backup began, is consistent (nothing half-written), and a server
// started on it serves sign-in and search.
//
// The seeded database gets 64 MiB of ballast first: SQLite's backup API restarts from the first
// page whenever another connection writes between two steps, so a copy made in small steps
// (the library's default) of a database this size never finishes under a steady write load.
//
// On both engines (seeded-target.ts). PostgreSQL: the same drill with `npm run backup` given
// DATABASE_URL (a pg_dump in custom format, in the snapshot whose audit head it signs), the
// dump restored with pg_restore into an empty database, the invariants checked there and a
// server started on it. No ballast there: it is about SQLite's backup API. What only PostgreSQL
// has (a dump changed after the fact, pg_dump missing, the restore verified against the
// checkpoints) is in test/pg/backup-postgres.test.ts.
const MARKER = 'zbackup3';

let dir: string;
let target: SeededTarget;
let dbPath: string;
const servers: RunningServer[] = [];
const drops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-backup-'));
  target = await seededTarget(dir, 'live');
  dbPath = target.dbPath;
  if (target.engine !== 'sqlite') return;
  const db = new Database(dbPath);
  db.exec('create table ballast (id integer primary key, filler blob not null)');
  db.prepare(
    'insert into ballast (filler) select randomblob(16384) from (with recursive n(i) as (select 1 union all select i + 1 from n where i < 4096) select i from n)',
  ).run();
  db.close();
}, 120_000);
afterAll(async () => {
  for (const s of servers) await s.kill9();
  for (const drop of drops) await drop();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function npmRunBackup(db: string, out: string, timeoutMs = 45_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'backup', '--', '--db', db, '--out', out],
      { timeout: timeoutMs, env: { ...process.env, ...target.env } },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr }),
    );
  });
}

function pgRestore(file: string, url: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('pg_restore', ['--no-owner', `--dbname=${url}`, file], (error, _out, stderr) =>
      error ? reject(new Error(`pg_restore failed: ${stderr}`)) : resolve(),
    ),
  );
}

const copyOf = (acked: Acknowledged): Acknowledged => ({
  approvals: new Map(acked.approvals),
  comms: new Map(acked.comms),
  reveals: new Set(acked.reveals),
  cases: new Set(acked.cases),
});

describe('backup and restore drill', () => {
  it('takes an online, consistent copy while the server writes, and a server started on the copy serves sign-in and search', async () => {
    const live = await startServer(dbPath, target.env);
    servers.push(live);
    const staff = {
      agent: await signIn(live.url, 'agent1', 'agent1-demo'),
      agent2: await signIn(live.url, 'agent2', 'agent2-demo'),
      supervisor: await signIn(live.url, 'super1', 'super1-demo'),
    };
    const acked = emptyAcknowledged();
    const pools = await target.use(loadPools);
    const load = startWriteLoad({ url: live.url, staff, pools, marker: MARKER, acked, workers: 6 });
    // a backup of a database that has taken writes: some contacts or reveals and a case acknowledged first
    await load.until(() => acked.comms.size + acked.reveals.size >= 10 && acked.cases.size >= 1, 'ten writes and a case were acknowledged');
    const ackedBeforeBackup = copyOf(acked);
    const postgres = target.engine === 'postgres';
    const out = join(dir, 'backups', postgres ? 'copy.dump' : 'copy.db');

    const started = Date.now();
    const backup = await npmRunBackup(dbPath, out);
    const backupMs = Date.now() - started;

    const result = await load.stop();
    await live.stop();
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(
      postgres
        ? /backup written to .* \(pg_dump custom format, \d+ audit events verified\)/
        : /backup written to .* \(integrity ok, \d+ audit events verified\)/,
    );
    expect(result.unexpected).toEqual([]);
    expect(result.interrupted).toBe(0);
    // the server kept writing while the copy was taken
    expect(acked.comms.size + acked.reveals.size + acked.approvals.size).toBeGreaterThan(
      ackedBeforeBackup.comms.size + ackedBeforeBackup.reveals.size + ackedBeforeBackup.approvals.size,
    );
    expect(ackedBeforeBackup.comms.size + ackedBeforeBackup.reveals.size).toBeGreaterThan(0);

    // the copy: one self-contained, verified file and its signed manifest, nothing else left beside it
    const name = postgres ? 'copy.dump' : 'copy.db';
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual([name, `${name}.manifest.json`]);
    // …which verifies against its manifest (the signer's public key: AUDIT_SIGNING_KEY_FILE's .pub)
    const verified = await new Promise<{ code: number | null; output: string }>((resolve) =>
      execFile('npm', ['run', '--silent', 'audit:verify', '--', '--backup', out], { timeout: 45_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr }),
      ),
    );
    expect(verified.code, verified.output).toBe(0);
    // intact, audit chain whole, consistent, and holding everything acknowledged before it began
    // (PostgreSQL: once restored into an empty database, as an operator would)
    let restoredEnv: Record<string, string> = {};
    if (postgres) {
      const restoredDb = await emptyPostgresDatabase('restored');
      drops.push(restoredDb.drop);
      await pgRestore(out, restoredDb.url);
      const opened = openPostgres(restoredDb.url, { max: 1 });
      try {
        expect(await checkDatabase(opened.db, MARKER, ackedBeforeBackup)).toEqual({});
      } finally {
        await opened.close();
      }
      restoredEnv = { DATABASE_URL: restoredDb.url };
    } else {
      expect(statSync(out).size).toBeGreaterThan(64 * 2 ** 20);
      expect(await checkSqliteFile(out, MARKER, ackedBeforeBackup)).toEqual({});
    }

    const restored = await startServer(postgres ? join(dir, 'restored.db') : out, restoredEnv);
    servers.push(restored);
    const cookie = await signIn(restored.url, 'agent1', 'agent1-demo');
    const api = httpApi(restored.url, cookie);
    const search = await api.query<{ items: { orderNo: string }[] }>('orders.search', { limit: 20 });
    expect(search.status).toBe(200);
    expect(search.data!.items).toHaveLength(20);
    const someCase = [...ackedBeforeBackup.cases][0];
    if (someCase) expect((await api.query('cases.get', { caseNo: someCase })).status).toBe(200);
    await restored.stop();
    console.log(`backup drill: copy taken in ${backupMs} ms (npm and tsx start included) under ${result.requests} writes`);
  }, 180_000);

  it('refuses to overwrite an existing file, and leaves it as it was', async () => {
    const out = join(dir, 'existing.db');
    writeFileSync(out, 'not a database');
    const backup = await npmRunBackup(dbPath, out);
    expect(backup.code).not.toBe(0);
    expect(backup.output).toContain('already exists');
    expect(existsSync(out)).toBe(true);
    expect(statSync(out).size).toBe('not a database'.length);
  }, 60_000);
});
