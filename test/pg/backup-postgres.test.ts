import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestFileFor } from '../../server/audit/backup-manifest';
import { checkpointFileFor } from '../../server/audit/checkpoints';
import { recordAudit } from '../../server/audit/record-audit';
import { loadOrCreateSigningKey, publicKeyFileFor, type SigningKey } from '../../server/audit/signing-key';
import { writeCheckpoint } from '../../server/audit/write-checkpoint';
import { writeTx } from '../../server/db/write-tx';
import { emptyPostgresDatabase } from '../support/pg-test-db';
import { createTestWorld, type TestWorld } from '../support/test-db';

// `npm run backup` on PostgreSQL (docs/deployment.md § Backups): a pg_dump in custom format taken
// in the snapshot whose audit head the backup signs, while another writer keeps appending; then
// what an auditor and an operator do with it: audit:verify --backup with the public key alone,
// and a restore with pg_restore that verifies against the checkpoints.

let root: string;
let world: TestWorld;
let key: SigningKey;
let keyFile: string;
let dbPath: string;
const drops: (() => Promise<void>)[] = [];
const actor = { id: 1, username: 'agent1', role: 'agent' };

const append = (i: number) =>
  writeTx(world.deps.db, (tx) =>
    recordAudit(tx, actor, { action: 'case.approve', entityType: 'case', entityId: `RC${i}`, after: { amountFen: i } }, world.clock.now),
  );

function run(cli: 'backup' | 'audit-verify', args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `server/cli/${cli}.ts`, ...args],
      { env: { ...process.env, AUDIT_SIGNING_KEY_FILE: keyFile, DATABASE_URL: world.databaseUrl!, ...env }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
    );
  });
}

function restore(file: string, url: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('pg_restore', ['--no-owner', `--dbname=${url}`, file], (error, _out, stderr) =>
      error ? reject(new Error(`pg_restore failed: ${stderr}`)) : resolve(),
    ),
  );
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'refund-desk-pg-backup-'));
  world = await createTestWorld();
  if (!world.databaseUrl) throw new Error('run with the PostgreSQL config: npm run test:pg');
  keyFile = join(root, 'keys', 'audit-signing.key');
  mkdirSync(join(root, 'data'));
  dbPath = join(root, 'data', 'refund-desk.db'); // names the checkpoint file only
  key = loadOrCreateSigningKey(keyFile, dbPath).key;
  for (let i = 1; i <= 30; i++) {
    await append(i);
    if (i % 10 === 0) await writeCheckpoint(world.deps.db, { file: checkpointFileFor(dbPath), key, now: world.clock.now });
  }
}, 60_000);

afterAll(async () => {
  await world?.cleanup();
  for (const drop of drops) await drop();
  rmSync(root, { recursive: true, force: true });
});

describe('npm run backup with DATABASE_URL', () => {
  it('dumps while a writer appends, signs the head the dump holds, and the dump restores and verifies', async () => {
    const out = join(root, 'backups', 'one.dump');
    let writing = true;
    let appended = 30;
    const writer = (async () => {
      while (writing) await append(++appended);
    })();
    const made = await run('backup', ['--db', dbPath, '--out', out]);
    writing = false;
    await writer;
    expect(made.out).toMatch(/backup written to .*one\.dump .*pg_dump custom format, \d+ audit events verified/);
    expect(made.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    const manifest = JSON.parse(readFileSync(manifestFileFor(out), 'utf8')) as { lastId: number };
    expect(manifest.lastId).toBeGreaterThanOrEqual(30);

    // the auditor: the public key alone
    const auditorKey = join(root, 'auditor.pub');
    copyFileSync(publicKeyFileFor(keyFile), auditorKey);
    const checked = await run('audit-verify', ['--backup', out, '--public-key', auditorKey], {
      AUDIT_SIGNING_KEY_FILE: join(root, 'none'),
    });
    expect(checked.out).toMatch(new RegExp(`backup verified: ${manifest.lastId} audit events, up to event ${manifest.lastId} exactly`));
    expect(checked.code).toBe(0);

    // the operator: restore into an empty database, then verify it against the checkpoints
    const target = await emptyPostgresDatabase('restore');
    drops.push(target.drop);
    await restore(out, target.url);
    const restored = await run('audit-verify', ['--db', dbPath], { DATABASE_URL: target.url });
    expect(restored.out).toMatch(new RegExp(`audit chain intact: ${manifest.lastId} events verified against 3 signed checkpoints`));
    expect(restored.code).toBe(0);

    // a changed dump is named
    const bytes = readFileSync(out);
    bytes[bytes.length - 10]! ^= 0xff;
    const changed = join(root, 'backups', 'changed.dump');
    writeFileSync(changed, bytes);
    copyFileSync(manifestFileFor(out), manifestFileFor(changed));
    const refused = await run('audit-verify', ['--backup', changed, '--public-key', auditorKey]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/BACKUP CHANGED|AUDIT CHAIN BROKEN|pg_restore could not read/);
  }, 180_000);

  it('says pg_dump is missing instead of writing a backup without it', async () => {
    const out = join(root, 'backups', 'none.dump');
    const r = await run('backup', ['--db', dbPath, '--out', out], { PATH: '/nonexistent' });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/pg_dump is not installed/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
