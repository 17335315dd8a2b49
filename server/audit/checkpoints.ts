import { createHash, sign, verify } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { GENESIS_HASH } from './audit-hash';
import type { PublicKey, SigningKey } from './signing-key';

// Signed checkpoints of the audit chain's head, as AWS CloudTrail's digest files do it.
//
// The SHA-256 chain in `audit_events` is public: anyone who can write the database can delete
// its newest events or rewrite an event and recompute every hash after it, and the chain alone
// still verifies. So every so often the head of the chain (its last id and hash) is signed with
// an Ed25519 key the database does not hold, and appended as one JSON line to a file outside the
// database (by default `<db>.audit-checkpoints.jsonl`). Each checkpoint names the SHA-256 of the
// previous one's signature, so the checkpoints form a chain of their own: a checkpoint removed,
// inserted, reordered or edited breaks it or its signature.

export interface Checkpoint {
  v: 1;
  /** 1, 2, 3… in file order */
  seq: number;
  /** the chain's head when signed: ids run 1…lastId without gaps, so this is also the event count */
  lastId: number;
  lastHash: string;
  /** when it was signed (ISO-8601) */
  at: string;
  /** SHA-256 (hex) of the previous checkpoint's signature; 64 zeros for the first */
  prev: string;
  /** SHA-256 (hex) of the signing public key */
  keyId: string;
  /** Ed25519 signature (base64) of signedBytes() */
  sig: string;
}

const DOMAIN = 'refund-desk audit checkpoint v1';

export function checkpointFileFor(dbPath: string): string {
  return `${dbPath}.audit-checkpoints.jsonl`;
}

function signedBytes(c: Omit<Checkpoint, 'sig'>): Buffer {
  return Buffer.from(JSON.stringify([DOMAIN, c.v, c.seq, c.lastId, c.lastHash, c.at, c.prev, c.keyId]), 'utf8');
}

export function signatureHash(sig: string): string {
  return createHash('sha256').update(Buffer.from(sig, 'base64')).digest('hex');
}

export function signCheckpoint(key: SigningKey, fields: Omit<Checkpoint, 'sig' | 'keyId' | 'v'>): Checkpoint {
  const unsigned = { v: 1 as const, ...fields, keyId: key.keyId };
  return { ...unsigned, sig: sign(null, signedBytes(unsigned), key.privateKey).toString('base64') };
}

export function checkpointSignatureValid(c: Checkpoint, key: PublicKey): boolean {
  try {
    return c.keyId === key.keyId && verify(null, signedBytes(c), key.publicKey, Buffer.from(c.sig, 'base64'));
  } catch {
    return false;
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

function parseCheckpoint(text: string): Checkpoint | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  const ok =
    c.v === 1 &&
    Number.isSafeInteger(c.seq) &&
    Number.isSafeInteger(c.lastId) &&
    (c.lastId as number) >= 0 &&
    typeof c.lastHash === 'string' &&
    HEX64.test(c.lastHash) &&
    typeof c.at === 'string' &&
    typeof c.prev === 'string' &&
    HEX64.test(c.prev) &&
    typeof c.keyId === 'string' &&
    typeof c.sig === 'string';
  return ok ? (c as unknown as Checkpoint) : null;
}

export interface CheckpointFile {
  lines: { lineNo: number; text: string }[];
  /** a last line without its newline: a write torn by a crash (never a complete checkpoint) */
  tornTail: boolean;
}

export function readCheckpointFile(file: string): CheckpointFile {
  const text = readFileSync(file, 'utf8');
  const parts = text.split('\n');
  const tail = parts.pop() ?? '';
  return { lines: parts.map((t, i) => ({ lineNo: i + 1, text: t })), tornTail: tail !== '' };
}

export type CheckpointsVerdict =
  { ok: true; checkpoints: Checkpoint[]; tornTail: boolean } | { ok: false; line: number; problem: string; checkpoints: Checkpoint[] };

/**
 * Checks every line: well-formed, signed by `key`, numbered in order, chained to the line before
 * it, and never going back in the event chain. `checkpoints` holds the lines verified before
 * the first problem.
 */
export function verifyCheckpoints(file: CheckpointFile, key: PublicKey): CheckpointsVerdict {
  const checkpoints: Checkpoint[] = [];
  let prev = GENESIS_HASH;
  let lastId = 0;
  for (const { lineNo, text } of file.lines) {
    const fail = (problem: string) => ({ ok: false as const, line: lineNo, problem, checkpoints });
    const c = parseCheckpoint(text);
    if (!c) return fail(`line ${lineNo} is not a checkpoint (malformed or edited)`);
    if (c.keyId !== key.keyId)
      return fail(
        `checkpoint #${c.seq} (line ${lineNo}) was signed by key ${c.keyId.slice(0, 16)}…, not by the given public key ${key.keyId.slice(0, 16)}…`,
      );
    if (!checkpointSignatureValid(c, key))
      return fail(`checkpoint #${c.seq} (line ${lineNo}): bad signature — the checkpoint was forged or edited`);
    if (c.seq !== checkpoints.length + 1 || c.prev !== prev) {
      return fail(
        `checkpoint #${c.seq} (line ${lineNo}) does not follow the checkpoint before it: the checkpoint chain is broken (a checkpoint was removed, inserted or reordered)`,
      );
    }
    if (c.lastId < lastId) return fail(`checkpoint #${c.seq} (line ${lineNo}) goes back from event ${lastId} to event ${c.lastId}`);
    checkpoints.push(c);
    prev = signatureHash(c.sig);
    lastId = c.lastId;
  }
  return { ok: true, checkpoints, tornTail: file.tornTail };
}

/** The last complete checkpoint line of the file (not verified), or null when there is none. */
export function lastCheckpointLine(file: string): Checkpoint | null | 'malformed' {
  if (!existsSync(file)) return null;
  const { lines } = readCheckpointFile(file);
  const last = lines.at(-1);
  if (!last) return null;
  return parseCheckpoint(last.text) ?? 'malformed';
}

function fsyncDir(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends one line and fsyncs it. The caller holds the lock (see write-checkpoint.ts). A torn
 * last line left by a crash mid-write is cut off first: it was never a whole checkpoint.
 */
export function appendCheckpointLine(file: string, c: Checkpoint): void {
  const created = !existsSync(file);
  const fd = openSync(file, 'a+', 0o644);
  try {
    const size = fstatSync(fd).size;
    if (size > 0) {
      const tail = Buffer.alloc(Math.min(size, 4096));
      readSync(fd, tail, 0, tail.length, size - tail.length);
      if (tail.at(-1) !== 0x0a) {
        const text = readFileSync(file);
        ftruncateSync(fd, text.lastIndexOf(0x0a) + 1);
      }
    }
    writeSync(fd, `${JSON.stringify(c)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (created) fsyncDir(file);
}

/**
 * Moves the checkpoints of a database that is about to be replaced (a new seed) aside, keeping
 * them as evidence: `<file>.retired-<time>`. Returns the new name, or null when there was none.
 */
export function retireCheckpointFile(file: string, now: Date): string | null {
  if (!existsSync(file)) return null;
  const retired = `${file}.retired-${now.toISOString().replaceAll(':', '-')}`;
  renameSync(file, retired);
  return retired;
}
