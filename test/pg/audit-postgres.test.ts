import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFileFor, readCheckpointFile, verifyCheckpoints } from '../../server/audit/checkpoints';
import { recordAudit } from '../../server/audit/record-audit';
import { loadOrCreateSigningKey, type SigningKey } from '../../server/audit/signing-key';
import { verifyAuditTrailAsync } from '../../server/audit/verify-trail';
import { writeCheckpoint } from '../../server/audit/write-checkpoint';
import { openPostgres, type OpenedPostgres } from '../../server/db/postgres-client';
import { writeTx } from '../../server/db/write-tx';
import { createTestWorld, type TestWorld } from '../support/test-db';

// The audit trail with several servers on one PostgreSQL database (docs/deployment.md): two
// connection pools stand for two servers. Both append events and sign checkpoints into one
// shared checkpoint file at the same time: the chain's head is taken one writer at a time (ids
// 1…n without a gap or a fork) and so is the checkpoint file (one linear chain of checkpoints).
// Then `npm run audit:verify` with DATABASE_URL, as an operator runs it, passes that database
// and names what was done to it.

const EVENTS_EACH = 40;
let root: string;
let world: TestWorld;
let second: OpenedPostgres;
let key: SigningKey;
let keyFile: string;
let dbPath: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'refund-desk-pg-audit-'));
  world = await createTestWorld();
  if (!world.databaseUrl) throw new Error('run with the PostgreSQL config: npm run test:pg');
  second = openPostgres(world.databaseUrl, { max: 3 });
  keyFile = join(root, 'keys', 'audit-signing.key');
  mkdirSync(join(root, 'shared'));
  dbPath = join(root, 'shared', 'refund-desk.db'); // names the shared checkpoint file only
  key = loadOrCreateSigningKey(keyFile, dbPath).key;
}, 60_000);

afterAll(async () => {
  await second?.close();
  await world?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/audit-verify.ts', '--db', dbPath, ...args],
      { env: { ...process.env, AUDIT_SIGNING_KEY_FILE: keyFile, DATABASE_URL: world.databaseUrl! }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
    );
  });
}

describe('the audit trail with two servers on one PostgreSQL database', () => {
  it('keeps one chain and one checkpoint chain while both append and sign at once', async () => {
    const file = checkpointFileFor(dbPath);
    const server = (name: string, db: typeof world.deps.db) => async () => {
      const actor = { id: null, username: `server-${name}`, role: 'system' };
      for (let i = 0; i < EVENTS_EACH; i++) {
        await writeTx(db, (tx) =>
          recordAudit(tx, actor, { action: 'case.approve', entityType: 'case', entityId: `${name}${i}`, after: { i } }, world.clock.now),
        );
        if (i % 5 === 4) await writeCheckpoint(db, { file, key, now: new Date() });
      }
    };
    await Promise.all([server('a', world.deps.db)(), server('b', second.db)(), server('c', second.db)()]);
    await writeCheckpoint(world.deps.db, { file, key, now: new Date() });

    const checked = verifyCheckpoints(readCheckpointFile(file), key);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.checkpoints.map((c) => c.seq)).toEqual(checked.checkpoints.map((_, i) => i + 1));
    expect(checked.checkpoints.at(-1)!.lastId).toBe(3 * EVENTS_EACH);
    const anchors = checked.checkpoints.map((c) => ({ lastId: c.lastId, lastHash: c.lastHash, label: `checkpoint #${c.seq}` }));
    const verdict = await verifyAuditTrailAsync(second.db, anchors);
    expect(verdict).toMatchObject({ ok: true, events: 3 * EVENTS_EACH, afterLastAnchor: 0 });
  });

  it('npm run audit:verify with DATABASE_URL passes it, then names deleted and edited events', async () => {
    const good = await run([]);
    expect(good.out).toMatch(new RegExp(`audit chain intact: ${3 * EVENTS_EACH} events verified against \\d+ signed checkpoints`));
    expect(good.code).toBe(0);

    // someone with the database's owner rights sets the append-only triggers aside
    const owner = second.pool;
    await owner.query('alter table audit_events disable trigger user');
    await owner.query('delete from audit_events where id > $1', [3 * EVENTS_EACH - 10]);
    const behind = await run([]);
    expect(behind.code).toBe(1);
    expect(behind.out).toMatch(/AUDIT EVENTS DELETED: the database is behind checkpoint #\d+ .*the 10 newest events were deleted/);
    expect((await run(['--chain-only'])).code).toBe(0); // the public chain alone is fooled

    await owner.query(`update audit_events set reason = 'edited' where id = 7`);
    const edited = await run(['--chain-only']);
    expect(edited.code).toBe(1);
    expect(edited.out).toMatch(/AUDIT CHAIN BROKEN at event 7: event 7 was altered after it was written/);
    await owner.query('alter table audit_events enable trigger user');
  }, 120_000);
});
