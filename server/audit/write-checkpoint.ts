import type { Db } from '../db/client';
import { literal } from '../db/literal-limit';
import { writeTx } from '../db/write-tx';
import { GENESIS_HASH } from './audit-hash';
import {
  appendCheckpointLine,
  checkpointSignatureValid,
  lastCheckpointLine,
  signatureHash,
  signCheckpoint,
  type Checkpoint,
} from './checkpoints';
import type { SigningKey } from './signing-key';
import { checkLink, type ChainBreak } from './verify-chain';

export type CheckpointOutcome =
  | { written: true; checkpoint: Checkpoint }
  | { written: false; reason: 'unchanged'; checkpoint: Checkpoint }
  | { written: false; reason: 'refused'; problem: string };

const SEGMENT_ROWS = 1000;

/**
 * Checks the events after `from` (an id and its hash) up to the newest, in chunks; with
 * `yieldBetween`, other work runs between two chunks. Returns the last event checked, or the break.
 */
async function checkSegment(
  db: Db,
  from: { id: number; hash: string },
  yieldBetween: boolean,
): Promise<{ id: number; hash: string } | ChainBreak> {
  let { id, hash } = from;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('id', '>', id).orderBy('id').limit(literal(SEGMENT_ROWS)).execute();
    for (const row of rows) {
      const broken = checkLink(row, id + 1, hash);
      if (broken) return broken;
      hash = row.hash;
      id = row.id;
    }
    if (rows.length < SEGMENT_ROWS) return { id, hash };
    if (yieldBetween) await new Promise(setImmediate);
  }
}

/**
 * Signs the chain's head and appends it to the checkpoint file, unless the head is already the
 * last checkpoint's.
 *
 * The lock: the whole step runs inside a write transaction on the database (BEGIN IMMEDIATE,
 * writeTx). SQLite's write lock is held by one connection of one process at a time, so with
 * several servers on one database exactly one of them checkpoints at a time, no event can be
 * appended between reading the head and signing it, and the last line of the file is read and
 * the new one appended by the same writer (the checkpoint chain never forks). A server killed
 * mid-way releases the lock with its connection; there is no stale lock file to clean up. The
 * transaction writes nothing to the database: it is only the lock.
 *
 * The signer never signs over tampering: the last checkpoint must verify with this key, the
 * event it names must still carry its hash, and the events since must chain from it. Otherwise
 * it refuses (the caller logs the problem; `npm run audit:verify` names it).
 */
export async function writeCheckpoint(db: Db, options: { file: string; key: SigningKey; now: Date }): Promise<CheckpointOutcome> {
  const { file, key, now } = options;
  // The long part first, without the lock and letting requests through between chunks: the
  // events since the last checkpoint as the file stands now (a database's first checkpoint
  // checks its whole chain). Inside the lock only what arrived since is left to check.
  const seen = lastCheckpointLine(file);
  const start = seen && seen !== 'malformed' ? { id: seen.lastId, hash: seen.lastHash } : { id: 0, hash: GENESIS_HASH };
  const checked = seen === 'malformed' ? start : await checkSegment(db, start, true);
  const before = 'problem' in checked ? start : checked; // a break is found and named again under the lock

  return writeTx(db, async (tx) => {
    const refuse = (problem: string): CheckpointOutcome => ({ written: false, reason: 'refused', problem });
    const last = lastCheckpointLine(file);
    if (last === 'malformed') return refuse(`the last line of ${file} is not a checkpoint`);
    if (last) {
      if (last.keyId !== key.keyId) {
        return refuse(
          `the last checkpoint in ${file} was signed by key ${last.keyId.slice(0, 16)}…, but the signing key is ${key.keyId.slice(0, 16)}…: ` +
            'restore the key that signed it, or move the file aside to begin a new checkpoint chain',
        );
      }
      // the last line alone is checked here; `npm run audit:verify` checks them all
      if (!checkpointSignatureValid(last, key))
        return refuse(`the last checkpoint in ${file} (#${last.seq}) has a bad signature: it was forged or edited`);
    }

    const head = await tx.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').limit(literal(1)).executeTakeFirst();
    const headId = head?.id ?? 0;
    const headHash = head?.hash ?? GENESIS_HASH;

    let fromId = 0;
    let prev = GENESIS_HASH;
    if (last) {
      if (headId < last.lastId) {
        return refuse(
          `the database is behind checkpoint #${last.seq}: it ends at event ${headId}, the checkpoint covers events up to ${last.lastId}`,
        );
      }
      const signed =
        last.lastId === 0
          ? { hash: GENESIS_HASH }
          : await tx.selectFrom('audit_events').select('hash').where('id', '=', last.lastId).executeTakeFirst();
      if (signed?.hash !== last.lastHash) {
        return refuse(`event ${last.lastId} no longer has the hash that checkpoint #${last.seq} signed`);
      }
      if (headId === last.lastId) return { written: false, reason: 'unchanged', checkpoint: last };
      fromId = last.lastId;
      prev = last.lastHash;
    }

    // the events since the last checkpoint (all of them for the first) must chain from it; the
    // part checked before the lock is skipped when its last event still carries the same hash
    if (before.id > fromId) {
      const still = await tx.selectFrom('audit_events').select('hash').where('id', '=', before.id).executeTakeFirst();
      if (still?.hash === before.hash) {
        fromId = before.id;
        prev = before.hash;
      }
    }
    const segment = await checkSegment(tx, { id: fromId, hash: prev }, false);
    if ('problem' in segment) return refuse(`the audit chain is broken at event ${segment.brokenAt}: ${segment.problem}`);

    const checkpoint = signCheckpoint(key, {
      seq: (last?.seq ?? 0) + 1,
      lastId: headId,
      lastHash: headHash,
      at: now.toISOString(),
      prev: last ? signatureHash(last.sig) : GENESIS_HASH,
    });
    appendCheckpointLine(file, checkpoint);
    return { written: true, checkpoint };
  });
}
