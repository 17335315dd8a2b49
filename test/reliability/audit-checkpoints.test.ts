import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFileFor, type Checkpoint } from '../../server/audit/checkpoints';
import { httpApi, signIn } from './support/http-api';
import { seededTarget, type SeededTarget } from './support/seeded-target';
import { startServer } from './support/server-process';

// The real server (server/cli/start.ts) and its signed audit checkpoints: an existing database
// without any gets its first at start (the migration), the last is signed at a graceful stop,
// and `npm run audit:verify` passes; a signing key in the database's folder stops the start.
// On both engines (seeded-target.ts): the checkpoint file sits beside DB_PATH on SQLite and on
// PostgreSQL alike (docs/deployment.md § The audit trail on several servers); on PostgreSQL the
// server and audit:verify are given DATABASE_URL.

let dir: string;
let keyFile: string;
const targets: SeededTarget[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-checkpoints-'));
  for (const sub of ['data', 'other']) mkdirSync(join(dir, sub));
  keyFile = join(dir, 'keys', 'audit-signing.key');
});
afterAll(async () => {
  for (const t of targets) await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh seeded database (`folder`/`name`.db is its DB_PATH) and the server's environment for it. */
async function seeded(folder: string, name: string) {
  const target = await seededTarget(join(dir, folder), name);
  targets.push(target);
  return target;
}

const checkpoints = (db: string) =>
  readFileSync(checkpointFileFor(db), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Checkpoint);
const head = (target: SeededTarget) =>
  target.use(async (db) => {
    const row = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    return Number(row.id);
  });

const auditVerify = (target: SeededTarget) =>
  new Promise<{ code: number; out: string }>((resolve) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/audit-verify.ts', '--db', target.dbPath, '--public-key', `${keyFile}.pub`],
      { timeout: 60_000, env: { ...process.env, ...target.env } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
    ),
  );

/** `npm run audit:verify` passes: `events` events, the newest signed by the second checkpoint. */
async function expectVerifiedUpTo(target: SeededTarget, events: number) {
  const verify = await auditVerify(target);
  expect(verify.out).toContain(`audit chain intact: ${events} events verified against 2 signed checkpoints`);
  expect(verify.code).toBe(0);
}

describe('the server’s audit checkpoints', () => {
  it('signs an existing database’s head at start and again at a graceful stop; audit:verify passes', async () => {
    const target = await seeded('data', 'live');
    const db = target.dbPath;
    expect(existsSync(checkpointFileFor(db))).toBe(false); // a database from before checkpoints
    const before = await head(target);
    const server = await startServer(db, { ...target.env, AUDIT_SIGNING_KEY_FILE: keyFile });
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
    const after = await head(target);
    expect(after).toBeGreaterThan(before);
    expect(checkpoints(db).map((c) => c.lastId)).toEqual([before, after]);

    await expectVerifiedUpTo(target, after);
  }, 120_000);

  it('after a kill -9 (no last checkpoint), the next start signs the head and the checkpoint chain goes on', async () => {
    const target = await seeded('data', 'killed');
    const db = target.dbPath;
    const first = await startServer(db, { ...target.env, AUDIT_SIGNING_KEY_FILE: keyFile });
    await expect.poll(() => existsSync(checkpointFileFor(db)) && checkpoints(db).length, { timeout: 10_000 }).toBe(1);
    const api = httpApi(first.url, await signIn(first.url, 'super1', 'super1-demo'));
    expect((await api.query('audit.list', { limit: 5 })).status).toBe(200);
    await first.kill9();
    const killedAt = await head(target);
    expect(checkpoints(db).at(-1)!.lastId).toBeLessThan(killedAt); // nothing signed the newest events

    const second = await startServer(db, { ...target.env, AUDIT_SIGNING_KEY_FILE: keyFile });
    try {
      await expect.poll(() => checkpoints(db).at(-1)!.lastId, { timeout: 10_000 }).toBe(killedAt);
    } finally {
      await second.kill9();
    }
    expect(checkpoints(db).map((c) => c.seq)).toEqual([1, 2]);
    await expectVerifiedUpTo(target, killedAt);
  }, 120_000);

  it('refuses to start with its signing key in the database’s folder', async () => {
    const target = await seeded('other', 'live');
    await expect(startServer(target.dbPath, { ...target.env, AUDIT_SIGNING_KEY_FILE: join(dir, 'other', 'audit.key') })).rejects.toThrow(
      /in the database's folder/,
    );
    expect(existsSync(join(dir, 'other', 'audit.key'))).toBe(false);
  }, 120_000);
});
