import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFileFor } from '../../server/audit/checkpoints';
import { recordAudit } from '../../server/audit/record-audit';
import { loadOrCreateSigningKey, publicKeyFileFor, type SigningKey } from '../../server/audit/signing-key';
import { writeCheckpoint } from '../../server/audit/write-checkpoint';
import type { Db } from '../../server/db/client';
import { writeTx } from '../../server/db/write-tx';
import { rewriteChainThrough, swapEventsThrough, tamperThrough } from '../support/audit-tamper';
import { createTestWorld, type TestWorld } from '../support/test-db';

// `npm run audit:verify` as an operator or an auditor runs it: the real command in a child
// process, on a database of 30 audit events with checkpoints after the 20th and the 30th — a
// SQLite file (--db), or under `npm run test:pg` a PostgreSQL database (DATABASE_URL, --db then
// naming where the checkpoint file is). The auditor has the public key alone
// (AUDIT_SIGNING_KEY_FILE names no file). Each case has a database of its own, tampered with
// through Kysely as the file's or the database's owner can (test/support/audit-tamper.ts). The
// backup (`npm run backup`, `audit:verify --backup`) is per engine: test/api/backup-cli.test.ts
// (a copy of the SQLite file) and test/pg/backup-postgres.test.ts (a pg_dump file).

let root: string;
let keyFile: string;
let key: SigningKey;
let auditorKey: string;
const worlds: TestWorld[] = [];

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/audit-verify.ts', ...args],
      { env: { ...process.env, AUDIT_SIGNING_KEY_FILE: join(root, 'no-such-key'), ...env }, timeout: 85_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
    );
  });
}

interface Case {
  db: Db;
  /** the SQLite file, or on PostgreSQL the path that names the checkpoint file beside it */
  path: string;
  /** DATABASE_URL for the command: the world's PostgreSQL database, or empty (the file at --db) */
  url: string;
}

/** A database of its own: 30 audit events, checkpoints signed after the 20th and the 30th. */
async function freshCase(): Promise<Case> {
  const world = await createTestWorld();
  worlds.push(world);
  const path = world.databaseUrl ? join(world.dir, 'refund-desk.db') : world.deps.dbPath;
  const actor = { id: 1, username: 'agent1', role: 'agent' };
  for (let i = 1; i <= 30; i++) {
    await writeTx(world.deps.db, (tx) =>
      recordAudit(tx, actor, { action: 'case.approve', entityType: 'case', entityId: `RC${i}`, after: { amountFen: i } }, world.clock.now),
    );
    if (i === 20 || i === 30) await writeCheckpoint(world.deps.db, { file: checkpointFileFor(path), key, now: world.clock.now });
  }
  return { db: world.deps.db, path, url: world.databaseUrl ?? '' };
}

const verify = (c: Case, ...extra: string[]) => run(['--db', c.path, '--public-key', auditorKey, ...extra], { DATABASE_URL: c.url });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'refund-desk-audit-cli-'));
  keyFile = join(root, 'keys', 'audit-signing.key');
  key = loadOrCreateSigningKey(keyFile, join(root, 'data', 'refund-desk.db')).key;
  auditorKey = join(root, 'auditor', 'refund-desk.pub');
  mkdirSync(join(root, 'auditor'));
  writeFileSync(auditorKey, readFileSync(publicKeyFileFor(keyFile)));
});
afterAll(async () => {
  for (const world of worlds) await world.cleanup();
  rmSync(root, { recursive: true, force: true });
});

describe.concurrent('npm run audit:verify', () => {
  it('passes an untouched database with the public key alone', async () => {
    const r = await verify(await freshCase());
    expect(r.out).toMatch(/audit chain intact: 30 events verified against 2 signed checkpoints/);
    expect(r.code).toBe(0);
  });

  it('fails when the newest 10 events were deleted, naming the checkpoint the database is behind', async () => {
    const c = await freshCase();
    await tamperThrough(c.db, 'delete from audit_events where id > 20');
    const r = await verify(c);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /AUDIT EVENTS DELETED: the database is behind checkpoint #2 \(signed [^)]*\): it ends at event 20, but .* covers events up to 30 — the 10 newest events were deleted/,
    );
  });

  it('fails when a middle event was deleted and the whole chain recomputed, naming the checkpointed id', async () => {
    const c = await freshCase();
    await rewriteChainThrough(c.db, (rows) => rows.filter((r) => r.id !== 7));
    expect((await verify(c, '--chain-only')).code).toBe(0); // the public chain alone is fooled
    const r = await verify(c);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/AUDIT CHAIN RECOMPUTED at event 20: event 20 no longer has the hash that checkpoint #1 \(signed [^)]*\) signed/);
  });

  it('fails when two events were swapped', async () => {
    const c = await freshCase();
    await swapEventsThrough(c.db, 3, 5);
    const r = await verify(c);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/AUDIT CHAIN BROKEN at event 3: event 3 is out of place: it follows event 4 .*reordered/);
  });

  it('fails on the signature when a checkpoint line was edited', async () => {
    const c = await freshCase();
    const file = checkpointFileFor(c.path);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"lastId":30', '"lastId":29'));
    const r = await verify(c);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/AUDIT CHECKPOINTS INVALID at line 2 of .*: checkpoint #2 \(line 2\): bad signature/);
  });

  it('fails when the checkpoint file is missing, unless asked for the chain alone', async () => {
    const c = await freshCase();
    rmSync(checkpointFileFor(c.path));
    const r = await verify(c);
    expect(r.code).toBe(1);
    expect(r.out).toContain('NO AUDIT CHECKPOINTS');
    expect((await verify(c, '--chain-only')).code).toBe(0);
  });

  it('prints the public key for auditors', async () => {
    const r = await run(['--print-public-key'], { AUDIT_SIGNING_KEY_FILE: keyFile });
    expect(r.code).toBe(0);
    expect(r.out).toContain(readFileSync(auditorKey, 'utf8'));
  });
});
