import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReader } from '../../server/db/client';
import { httpApi, signIn } from './support/http-api';
import { checkSqliteFile, emptyAcknowledged, type Acknowledged } from './support/invariants';
import { seededCopy } from './support/seeded-db';
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
const MARKER = 'zbackup3';

let dir: string;
let dbPath: string;
const servers: RunningServer[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-backup-'));
  dbPath = await seededCopy(join(dir, 'live.db'));
  const db = new Database(dbPath);
  db.exec('create table ballast (id integer primary key, filler blob not null)');
  db.prepare(
    'insert into ballast (filler) select randomblob(16384) from (with recursive n(i) as (select 1 union all select i + 1 from n where i < 4096) select i from n)',
  ).run();
  db.close();
}, 120_000);
afterAll(async () => {
  for (const s of servers) await s.kill9();
  rmSync(dir, { recursive: true, force: true });
});

function npmRunBackup(db: string, out: string, timeoutMs = 45_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'backup', '--', '--db', db, '--out', out], { timeout: timeoutMs }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr }),
    );
  });
}

const copyOf = (acked: Acknowledged): Acknowledged => ({
  approvals: new Map(acked.approvals),
  comms: new Map(acked.comms),
  reveals: new Set(acked.reveals),
  cases: new Set(acked.cases),
});

describe('backup and restore drill', () => {
  it('takes an online, consistent copy while the server writes, and a server started on the copy serves sign-in and search', async () => {
    const live = await startServer(dbPath);
    servers.push(live);
    const staff = {
      agent: await signIn(live.url, 'agent1', 'agent1-demo'),
      agent2: await signIn(live.url, 'agent2', 'agent2-demo'),
      supervisor: await signIn(live.url, 'super1', 'super1-demo'),
    };
    const acked = emptyAcknowledged();
    const reader = openReader(dbPath);
    const pools = await loadPools(reader.db);
    await reader.close();
    const load = startWriteLoad({ url: live.url, staff, pools, marker: MARKER, acked, workers: 6 });
    // a backup of a database that has taken writes: some contacts or reveals and a case acknowledged first
    await load.until(() => acked.comms.size + acked.reveals.size >= 10 && acked.cases.size >= 1, 'ten writes and a case were acknowledged');
    const ackedBeforeBackup = copyOf(acked);
    const out = join(dir, 'backups', 'copy.db');

    const started = Date.now();
    const backup = await npmRunBackup(dbPath, out);
    const backupMs = Date.now() - started;

    const result = await load.stop();
    await live.stop();
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/backup written to .* \(integrity ok, \d+ audit events verified\)/);
    expect(result.unexpected).toEqual([]);
    expect(result.interrupted).toBe(0);
    // the server kept writing while the copy was taken
    expect(acked.comms.size + acked.reveals.size + acked.approvals.size).toBeGreaterThan(
      ackedBeforeBackup.comms.size + ackedBeforeBackup.reveals.size + ackedBeforeBackup.approvals.size,
    );
    expect(ackedBeforeBackup.comms.size + ackedBeforeBackup.reveals.size).toBeGreaterThan(0);

    // the copy: one self-contained, verified file and its signed manifest, nothing else left beside it
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(['copy.db', 'copy.db.manifest.json']);
    // …which verifies against its manifest (the signer's public key: AUDIT_SIGNING_KEY_FILE's .pub)
    const verified = await new Promise<{ code: number | null; output: string }>((resolve) =>
      execFile('npm', ['run', '--silent', 'audit:verify', '--', '--backup', out], { timeout: 45_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, output: stdout + stderr }),
      ),
    );
    expect(verified.code, verified.output).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(64 * 2 ** 20);
    // intact, audit chain whole, consistent, and holding everything acknowledged before it began
    expect(await checkSqliteFile(out, MARKER, ackedBeforeBackup)).toEqual({});

    const restored = await startServer(out);
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
