import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFileFor } from '../../server/audit/checkpoints';
import { recordAudit } from '../../server/audit/record-audit';
import { loadOrCreateSigningKey, publicKeyFileFor } from '../../server/audit/signing-key';
import { writeCheckpoint } from '../../server/audit/write-checkpoint';
import { writeTx } from '../../server/db/write-tx';
import { rewriteChain, tamper } from '../support/audit-tamper';
import { createTestWorld } from '../support/test-db';

// `npm run backup` of a SQLite file and `npm run audit:verify --backup` on the copy, as an operator
// and an auditor run them: the real commands in a child process, on a database of 30 audit events
// with checkpoints after the 20th and the 30th. The auditor has the public key alone
// (AUDIT_SIGNING_KEY_FILE names no file). SQLite-only (vitest.pg.config.ts): the backup is a copy of
// the file, and the copy is tampered with as a file; the PostgreSQL backup (a pg_dump file) is
// test/pg/backup-postgres.test.ts. `npm run audit:verify` on a live database, on both engines, is
// test/api/audit-verify-cli.test.ts.

let root: string;
let source: string;
let keyFile: string;
let auditorKey: string;
let seq = 0;

function run(cli: 'audit-verify' | 'backup', args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `server/cli/${cli}.ts`, ...args],
      { env: { ...process.env, AUDIT_SIGNING_KEY_FILE: join(root, 'no-such-key'), ...env }, timeout: 85_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
    );
  });
}

/** A copy of the database and its checkpoint file in a folder of its own. */
function copyOfSource(): string {
  const dir = join(root, `case-${++seq}`);
  mkdirSync(dir);
  const db = join(dir, 'refund-desk.db');
  copyFileSync(source, db);
  copyFileSync(checkpointFileFor(source), checkpointFileFor(db));
  return db;
}

function edit(db: string, fn: (sqlite: Database.Database) => void): void {
  const sqlite = new Database(db);
  fn(sqlite);
  sqlite.close();
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'refund-desk-audit-cli-'));
  const world = await createTestWorld();
  keyFile = join(root, 'keys', 'audit-signing.key');
  const { key } = loadOrCreateSigningKey(keyFile, world.deps.dbPath);
  auditorKey = join(root, 'auditor', 'refund-desk.pub');
  mkdirSync(join(root, 'auditor'));
  copyFileSync(publicKeyFileFor(keyFile), auditorKey);
  source = world.deps.dbPath;
  const actor = { id: 1, username: 'agent1', role: 'agent' };
  for (let i = 1; i <= 30; i++) {
    await writeTx(world.deps.db, (tx) =>
      recordAudit(tx, actor, { action: 'case.approve', entityType: 'case', entityId: `RC${i}`, after: { amountFen: i } }, world.clock.now),
    );
    if (i === 20 || i === 30) await writeCheckpoint(world.deps.db, { file: checkpointFileFor(source), key, now: world.clock.now });
  }
  await world.database.close();
  source = join(root, 'source.db');
  copyFileSync(world.deps.dbPath, source);
  copyFileSync(checkpointFileFor(world.deps.dbPath), checkpointFileFor(source));
  rmSync(world.dir, { recursive: true, force: true });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run backup and audit:verify --backup', () => {
  it('signs a manifest of the copy’s head; the copy verifies with the public key alone, a tampered copy or manifest fails', async () => {
    const db = copyOfSource();
    const out = join(root, 'backups', 'copy.db');
    const backup = await run('backup', ['--db', db, '--out', out], { AUDIT_SIGNING_KEY_FILE: keyFile });
    expect(backup.out).toMatch(/backup written to .* \(integrity ok, 30 audit events verified\)/);
    expect(backup.code).toBe(0);
    expect(JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8'))).toMatchObject({ lastId: 30, checkpoint: { seq: 2 } });

    const verifyBackup = (file: string) => run('audit-verify', ['--backup', file, '--public-key', auditorKey]);
    const tamperedCopy = (name: string) => {
      const file = join(root, 'backups', name);
      copyFileSync(out, file);
      copyFileSync(`${out}.manifest.json`, `${file}.manifest.json`);
      return file;
    };
    const truncated = tamperedCopy('truncated.db');
    edit(truncated, (s) => tamper(s, 'delete from audit_events where id > 27'));
    const recomputed = tamperedCopy('recomputed.db');
    edit(recomputed, (s) => rewriteChain(s, (rows) => rows.filter((r) => r.id !== 2)));
    const otherData = tamperedCopy('other-data.db');
    edit(otherData, (s) => s.exec('create table planted (x); insert into planted values (1)')); // outside the audit log
    const forged = tamperedCopy('forged.db');
    writeFileSync(`${forged}.manifest.json`, readFileSync(`${forged}.manifest.json`, 'utf8').replace('"lastId": 30', '"lastId": 27'));

    const [good, t, rc, o, f] = await Promise.all([out, truncated, recomputed, otherData, forged].map(verifyBackup));
    expect(good!.out).toMatch(/backup verified: 30 audit events, up to event 30 exactly as its manifest signed/);
    expect(good!.code).toBe(0);
    expect(t!.code).toBe(1);
    expect(t!.out).toMatch(/AUDIT EVENTS DELETED: the database is behind the backup's signed manifest: it ends at event 27/);
    expect(rc!.code).toBe(1);
    expect(rc!.out).toMatch(/AUDIT EVENTS DELETED|AUDIT CHAIN RECOMPUTED/);
    expect(o!.code).toBe(1);
    expect(o!.out).toMatch(/BACKUP CHANGED: .* it was changed after the backup was made/);
    expect(f!.code).toBe(1);
    expect(f!.out).toMatch(/BACKUP MANIFEST INVALID: the manifest has a bad signature/);
    expect(existsSync(`${out}-wal`) || existsSync(`${out}-shm`)).toBe(false); // verifying left nothing beside the copy
  }, 120_000);
});
