import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAuditCheckpoints } from '../../server/audit/checkpointer';
import { checkpointFileFor, readCheckpointFile, signCheckpoint, verifyCheckpoints, type Checkpoint } from '../../server/audit/checkpoints';
import { loadOrCreateSigningKey, loadSigningKey, publicKeyFileFor, readPublicKey, type SigningKey } from '../../server/audit/signing-key';
import { verifyAuditChain } from '../../server/audit/verify-chain';
import { verifyAuditTrail, type TrailVerdict } from '../../server/audit/verify-trail';
import { writeCheckpoint } from '../../server/audit/write-checkpoint';
import { openDatabase } from '../../server/db/client';
import { recordApprovals } from '../support/audit-events';
import { rewriteChain, swapEvents, tamper } from '../support/audit-tamper';
import { createTestWorld, type TestWorld } from '../support/test-db';

let world: TestWorld;
let keyDir: string;
let key: SigningKey;
let file: string;
const record = (n: number) => recordApprovals(world, n);

async function checkpoint() {
  const outcome = await writeCheckpoint(world.deps.db, { file, key, now: world.clock.now });
  if (!outcome.written) throw new Error(`no checkpoint: ${JSON.stringify(outcome)}`);
  return outcome.checkpoint;
}

/** What `npm run audit:verify` does: the checkpoint file with the public key, then the database against it. */
function verifyAll(): TrailVerdict | { ok: false; kind: 'checkpoints'; problem: string } {
  const checked = verifyCheckpoints(readCheckpointFile(file), readPublicKey(publicKeyFileFor(keyFileOf())));
  if (!checked.ok) return { ok: false, kind: 'checkpoints', problem: checked.problem };
  return verifyAuditTrail(
    world.database.sqlite,
    checked.checkpoints.map((c) => ({ lastId: c.lastId, lastHash: c.lastHash, label: `checkpoint #${c.seq}` })),
  );
}
const keyFileOf = () => join(keyDir, 'audit-signing.key');

beforeEach(async () => {
  world = await createTestWorld();
  keyDir = mkdtempSync(join(tmpdir(), 'refund-desk-key-'));
  key = loadOrCreateSigningKey(keyFileOf(), world.deps.dbPath).key;
  file = checkpointFileFor(world.deps.dbPath);
  // 25 events, checkpoints after the 10th and the 25th, then 5 events no checkpoint covers yet
  await record(10);
  await checkpoint();
  await record(15);
  await checkpoint();
  await record(5);
});
afterEach(async () => {
  await world.cleanup();
  rmSync(keyDir, { recursive: true, force: true });
});

describe('signed audit checkpoints', () => {
  it('an untouched database passes: every checkpoint holds, the newest 5 events are covered by the chain alone', () => {
    expect(verifyAll()).toMatchObject({ ok: true, events: 30, afterLastAnchor: 5, lastAnchor: { lastId: 25 } });
  });

  it('deleting the newest 10 events fails: the database is behind its last checkpoint', () => {
    tamper(world.database.sqlite, 'delete from audit_events where id > 20');
    expect(verifyAuditChain(world.database.sqlite)).toEqual({ ok: true, events: 20 }); // the chain alone cannot tell
    expect(verifyAll()).toMatchObject({
      ok: false,
      kind: 'behind',
      problem:
        'the database is behind checkpoint #2: it ends at event 20, but checkpoint #2 covers events up to 25 — the 5 newest events were deleted',
    });
  });

  it('deleting a middle event and recomputing the whole SHA-256 chain fails, naming the checkpointed id whose hash no longer matches', () => {
    rewriteChain(world.database.sqlite, (rows) => rows.filter((r) => r.id !== 5));
    expect(verifyAuditChain(world.database.sqlite)).toEqual({ ok: true, events: 29 }); // the chain alone cannot tell
    const verdict = verifyAll();
    expect(verdict).toMatchObject({ ok: false, kind: 'recomputed', brokenAt: 10 });
    expect(verdict.ok === false && verdict.problem).toMatch(/^event 10 no longer has the hash that checkpoint #1 signed/);
  });

  it('swapping two events fails: named as a reordering, and when the chain is recomputed after it, at the checkpoint', () => {
    swapEvents(world.database.sqlite, 12, 14);
    expect(verifyAll()).toMatchObject({ ok: false, kind: 'chain', brokenAt: 12, problem: expect.stringContaining('reordered') });

    rewriteChain(world.database.sqlite, (rows) => rows.sort((a, b) => a.id - b.id));
    expect(verifyAuditChain(world.database.sqlite).ok).toBe(true);
    expect(verifyAll()).toMatchObject({ ok: false, kind: 'recomputed', brokenAt: 25 });
  });

  it('editing a checkpoint line fails on its signature', () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const first = JSON.parse(lines[0]!) as Checkpoint;
    lines[0] = JSON.stringify({ ...first, lastId: 9 });
    writeFileSync(file, lines.join('\n'));
    expect(verifyAll()).toMatchObject({
      ok: false,
      kind: 'checkpoints',
      problem: expect.stringMatching(/^checkpoint #1 \(line 1\): bad signature/),
    });
  });

  it('a checkpoint removed from the middle, or one signed by another key, fails', async () => {
    await record(1);
    await checkpoint(); // #3
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, [lines[0], lines[2], ''].join('\n'));
    expect(verifyAll()).toMatchObject({
      ok: false,
      kind: 'checkpoints',
      problem: expect.stringContaining('the checkpoint chain is broken'),
    });

    const otherDir = mkdtempSync(join(tmpdir(), 'refund-desk-key-'));
    const other = loadOrCreateSigningKey(join(otherDir, 'k'), world.deps.dbPath).key;
    const forged = signCheckpoint(other, {
      seq: 1,
      lastId: 1,
      lastHash: '0'.repeat(64),
      at: world.clock.now.toISOString(),
      prev: '0'.repeat(64),
    });
    writeFileSync(file, `${JSON.stringify(forged)}\n`);
    expect(verifyAll()).toMatchObject({ ok: false, kind: 'checkpoints', problem: expect.stringContaining('not by the given public key') });
    writeFileSync(file, `${JSON.stringify({ ...forged, keyId: key.keyId })}\n`); // claiming our key
    expect(verifyAll()).toMatchObject({ ok: false, kind: 'checkpoints', problem: expect.stringContaining('bad signature') });
    rmSync(otherDir, { recursive: true, force: true });
  });

  it('the signer never signs over tampering: it refuses, and the checkpoint file stays as it was', async () => {
    const before = readFileSync(file, 'utf8');
    tamper(world.database.sqlite, 'delete from audit_events where id > 20');
    expect(await writeCheckpoint(world.deps.db, { file, key, now: world.clock.now })).toMatchObject({
      written: false,
      reason: 'refused',
      problem: expect.stringContaining('behind checkpoint #2'),
    });
    rewriteChain(world.database.sqlite, (rows) => rows.filter((r) => r.id !== 5));
    await record(10);
    expect(await writeCheckpoint(world.deps.db, { file, key, now: world.clock.now })).toMatchObject({
      written: false,
      problem: expect.stringContaining('event 25 no longer has the hash'),
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('chains each checkpoint to the last line of the file, whichever writer wrote it', async () => {
    const second = openDatabase(world.deps.dbPath);
    try {
      await record(3);
      expect((await writeCheckpoint(second.db, { file, key, now: world.clock.now })).written).toBe(true);
      await record(3);
      await checkpoint();
      expect(verifyAll()).toMatchObject({ ok: true, events: 36, afterLastAnchor: 0 });
      expect(readCheckpointFile(file).lines.map((l) => (JSON.parse(l.text) as Checkpoint).seq)).toEqual([1, 2, 3, 4]);
    } finally {
      await second.close();
    }
  });

  it('ignores a line torn by a crash, and the next checkpoint cuts it off', async () => {
    appendFileSync(file, '{"v":1,"seq":3,"lastId":3');
    expect(verifyCheckpoints(readCheckpointFile(file), key)).toMatchObject({ ok: true, tornTail: true });
    await checkpoint();
    expect(verifyCheckpoints(readCheckpointFile(file), key)).toMatchObject({ ok: true, tornTail: false, checkpoints: { length: 3 } });
  });
});

describe('the running server’s checkpointer', () => {
  it('signs an existing database without checkpoints at start, every N events, while events arrive, and at stop', async () => {
    rmSync(file); // a database from before checkpoints: 30 events, no file
    const checkpointer = startAuditCheckpoints({ db: world.deps.db, file, key, everyEvents: 5, everyMs: 60_000, pollMs: 20 });
    await checkpointer.ready;
    const lines = () => readCheckpointFile(file).lines.map((l) => JSON.parse(l.text) as Checkpoint);
    expect(lines().map((c) => c.lastId)).toEqual([30]); // the migration: one checkpoint covers the 30 events

    await record(5);
    await expect.poll(() => lines().map((c) => c.lastId), { timeout: 5000 }).toEqual([30, 35]);
    await record(2); // fewer than N: waits for the timer or the stop
    await new Promise((r) => setTimeout(r, 100));
    expect(lines()).toHaveLength(2);
    await checkpointer.stop();
    expect(lines().map((c) => c.lastId)).toEqual([30, 35, 37]);
    expect(verifyAll()).toMatchObject({ ok: true, events: 37, afterLastAnchor: 0 });
  });

  it('signs the head every few minutes while events arrive, even below N', async () => {
    const checkpointer = startAuditCheckpoints({ db: world.deps.db, file, key, everyEvents: 1000, everyMs: 50, pollMs: 20 });
    await checkpointer.ready;
    const lastIds = () => readCheckpointFile(file).lines.map((l) => (JSON.parse(l.text) as Checkpoint).lastId);
    expect(lastIds()).toEqual([10, 25, 30]);
    await record(1);
    await expect.poll(lastIds, { timeout: 5000 }).toEqual([10, 25, 30, 31]);
    await checkpointer.stop();
    expect(lastIds()).toEqual([10, 25, 30, 31]); // nothing new: no checkpoint
  });
});

describe('the audit signing key', () => {
  it('is created once, 0600, with its public key beside it; a second start loads the same key', () => {
    const keyFile = keyFileOf();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(publicKeyFileFor(keyFile), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const again = loadOrCreateSigningKey(keyFile, world.deps.dbPath);
    expect(again.created).toBe(false);
    expect(again.key.keyId).toBe(key.keyId);
    expect(readPublicKey(publicKeyFileFor(keyFile)).keyId).toBe(key.keyId);
  });

  it('is refused in the database’s folder or below it, and when others may read it', () => {
    const dbDir = dirname(world.deps.dbPath);
    expect(() => loadOrCreateSigningKey(join(dbDir, 'audit.key'), world.deps.dbPath)).toThrow(/in the database's folder/);
    expect(() => loadOrCreateSigningKey(join(dbDir, 'keys', 'audit.key'), world.deps.dbPath)).toThrow(/in the database's folder/);
    expect(existsSync(join(dbDir, 'audit.key'))).toBe(false);
    const open = join(keyDir, 'open.key');
    writeFileSync(open, readFileSync(keyFileOf()));
    chmodSync(open, 0o644);
    expect(() => loadSigningKey(open)).toThrow(/readable by others/);
  });
});
