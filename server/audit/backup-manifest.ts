import { createHash, sign, verify } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { PublicKey, SigningKey } from './signing-key';

// A backup's signed manifest (`FILE.manifest.json`): the head of the copy's audit chain, the
// SHA-256 of the file as written, and the checkpoint it follows, signed with the audit signing
// key. `npm run audit:verify -- --backup FILE --public-key KEY.pub` checks a copy with the public
// key alone: the signature, the copy's chain up to exactly that head, then the file's bytes.

export interface BackupManifest {
  v: 1;
  kind: 'refund-desk backup manifest';
  /** the copy's audit head */
  lastId: number;
  lastHash: string;
  /** SHA-256 (hex) and size of the backup file */
  sha256: string;
  bytes: number;
  /** when the manifest was signed */
  at: string;
  /** the last checkpoint of the source database when the copy was taken (seq and signature hash), if any */
  checkpoint: { seq: number; sigHash: string } | null;
  keyId: string;
  sig: string;
}

const DOMAIN = 'refund-desk backup manifest v1';

export function manifestFileFor(backupFile: string): string {
  return `${backupFile}.manifest.json`;
}

function signedBytes(m: Omit<BackupManifest, 'sig'>): Buffer {
  return Buffer.from(
    JSON.stringify([
      DOMAIN,
      m.v,
      m.lastId,
      m.lastHash,
      m.sha256,
      m.bytes,
      m.at,
      m.checkpoint?.seq ?? null,
      m.checkpoint?.sigHash ?? null,
      m.keyId,
    ]),
    'utf8',
  );
}

export function fileSha256(path: string): { sha256: string; bytes: number } {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  const chunk = Buffer.alloc(1 << 20);
  let bytes = 0;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function signManifest(key: SigningKey, fields: Omit<BackupManifest, 'v' | 'kind' | 'keyId' | 'sig'>): BackupManifest {
  const unsigned = { v: 1 as const, kind: 'refund-desk backup manifest' as const, ...fields, keyId: key.keyId };
  return { ...unsigned, sig: sign(null, signedBytes(unsigned), key.privateKey).toString('base64') };
}

/** Reads and checks a manifest's form and signature; throws naming the problem. */
export function readVerifiedManifest(file: string, key: PublicKey): BackupManifest {
  let m: BackupManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  } catch (error) {
    throw new Error(`cannot read the manifest ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const wellFormed =
    typeof m === 'object' &&
    m !== null &&
    m.v === 1 &&
    Number.isSafeInteger(m.lastId) &&
    typeof m.lastHash === 'string' &&
    typeof m.sha256 === 'string' &&
    Number.isSafeInteger(m.bytes) &&
    typeof m.at === 'string' &&
    typeof m.keyId === 'string' &&
    typeof m.sig === 'string';
  if (!wellFormed) throw new Error(`the manifest ${file} is malformed`);
  if (m.keyId !== key.keyId)
    throw new Error(`the manifest was signed by key ${m.keyId.slice(0, 16)}…, not by the given public key ${key.keyId.slice(0, 16)}…`);
  let good = false;
  try {
    good = verify(null, signedBytes(m), key.publicKey, Buffer.from(m.sig, 'base64'));
  } catch {
    good = false;
  }
  if (!good) throw new Error('the manifest has a bad signature: it was forged or edited');
  return m;
}
