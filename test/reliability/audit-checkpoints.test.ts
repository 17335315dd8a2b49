import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFileFor, type Checkpoint } from '../../server/audit/checkpoints';
import { httpApi, signIn } from './support/http-api';
import { seededCopy } from './support/seeded-db';
import { startServer } from './support/server-process';

// The real server (server/cli/start.ts) and its signed audit checkpoints: an existing database
// without any gets its first at start (the migration), the last is signed at a graceful stop,
// and `npm run audit:verify` passes; a signing key in the database's folder stops the start.

let dir: string;
let keyFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-checkpoints-'));
  for (const sub of ['data', 'other']) mkdirSync(join(dir, sub));
  keyFile = join(dir, 'keys', 'audit-signing.key');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const checkpoints = (db: string) =>
  readFileSync(checkpointFileFor(db), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Checkpoint);
const head = (db: string) => {
  const sqlite = new Database(db, { readonly: true });
  const id = sqlite.prepare('select max(id) from audit_events').pluck().get() as number;
  sqlite.close();
  return id;
};

const auditVerify = (db: string) =>
  new Promise<{ code: number; out: string }>((resolve) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/audit-verify.ts', '--db', db, '--public-key', `${keyFile}.pub`],
      { timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
    ),
  );

/** `npm run audit:verify` passes: `events` events, the newest signed by the second checkpoint. */
async function expectVerifiedUpTo(db: string, events: number) {
  const verify = await auditVerify(db);
  expect(verify.out).toContain(`audit chain intact: ${events} events verified against 2 signed checkpoints`);
  expect(verify.code).toBe(0);
}

describe('the server’s audit checkpoints', () => {
  it('signs an existing database’s head at start and again at a graceful stop; audit:verify passes', async () => {
    const db = await seededCopy(join(dir, 'data', 'live.db'));
    expect(existsSync(checkpointFileFor(db))).toBe(false); // a database from before checkpoints
    const before = head(db);
    const server = await startServer(db, { AUDIT_SIGNING_KEY_FILE: keyFile });
    try {
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      await expect
        .poll(() => existsSync(checkpointFileFor(db)) && checkpoints(db).map((c) => c.lastId), { timeout: 10_000 })
        .toEqual([before]);
      const api = httpApi(server.url, await signIn(server.url, 'super1', 'super1-demo'));
      for (let i = 0; i < 3; i++) expect((await api.query('audit.list', { limit: 5 })).status).toBe(200); // each read is audited
    } finally {
      await server.stop();
    }
    const after = head(db);
    expect(after).toBeGreaterThan(before);
    expect(checkpoints(db).map((c) => c.lastId)).toEqual([before, after]);

    await expectVerifiedUpTo(db, after);
  }, 120_000);

  it('after a kill -9 (no last checkpoint), the next start signs the head and the checkpoint chain goes on', async () => {
    const db = await seededCopy(join(dir, 'data', 'killed.db'));
    const first = await startServer(db, { AUDIT_SIGNING_KEY_FILE: keyFile });
    await expect.poll(() => existsSync(checkpointFileFor(db)) && checkpoints(db).length, { timeout: 10_000 }).toBe(1);
    const api = httpApi(first.url, await signIn(first.url, 'super1', 'super1-demo'));
    expect((await api.query('audit.list', { limit: 5 })).status).toBe(200);
    await first.kill9();
    const killedAt = head(db);
    expect(checkpoints(db).at(-1)!.lastId).toBeLessThan(killedAt); // nothing signed the newest events

    const second = await startServer(db, { AUDIT_SIGNING_KEY_FILE: keyFile });
    try {
      await expect.poll(() => checkpoints(db).at(-1)!.lastId, { timeout: 10_000 }).toBe(killedAt);
    } finally {
      await second.kill9();
    }
    expect(checkpoints(db).map((c) => c.seq)).toEqual([1, 2]);
    await expectVerifiedUpTo(db, killedAt);
  }, 120_000);

  it('refuses to start with its signing key in the database’s folder', async () => {
    const db = await seededCopy(join(dir, 'other', 'live.db'));
    await expect(startServer(db, { AUDIT_SIGNING_KEY_FILE: join(dir, 'other', 'audit.key') })).rejects.toThrow(/in the database's folder/);
    expect(existsSync(join(dir, 'other', 'audit.key'))).toBe(false);
  }, 120_000);
});
