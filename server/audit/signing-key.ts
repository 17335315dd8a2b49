import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';

// The Ed25519 key that signs the audit checkpoints and the backup manifests.
//
// It lives outside the database's folder: whoever copies, backs up or can write that folder
// (the file, its -wal, the checkpoint file beside it) must not get the key with it, or they
// could re-sign a rewritten history. The default is in the service user's home directory,
// `~/.refund-desk/audit-signing.key` (folder 0700, file 0600), never in the repository or `data/`;
// in production point AUDIT_SIGNING_KEY_FILE at a secrets mount readable only by the service.
// The public key is written beside it as `<file>.pub` (SPKI PEM) for auditors.

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 of the public key (DER, SPKI), hex: names the key in every checkpoint and manifest */
  keyId: string;
  publicPem: string;
}

export interface PublicKey {
  publicKey: KeyObject;
  keyId: string;
  publicPem: string;
}

export function defaultSigningKeyFile(): string {
  return join(homedir(), '.refund-desk', 'audit-signing.key');
}

export function publicKeyFileFor(keyFile: string): string {
  return `${keyFile}.pub`;
}

function describe(publicKey: KeyObject): PublicKey {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    publicKey,
    keyId: createHash('sha256').update(der).digest('hex'),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function realDir(path: string): string {
  // the nearest existing ancestor, resolved through symbolic links, then the rest of the path
  let dir = resolve(path);
  const rest: string[] = [];
  while (!existsSync(dir) && dirname(dir) !== dir) {
    rest.unshift(dir.slice(dirname(dir).length + 1));
    dir = dirname(dir);
  }
  return join(realpathSync(dir), ...rest);
}

/** Refuses a key file in the database's folder or below it. */
export function assertKeyOutsideDatabaseFolder(keyFile: string, dbPath: string): void {
  const keyDir = realDir(dirname(keyFile));
  const dbDir = realDir(dirname(dbPath));
  const rel = relative(dbDir, keyDir);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new Error(
      `AUDIT_SIGNING_KEY_FILE (${keyFile}) is in the database's folder (${dirname(dbPath)}): ` +
        'whoever can copy or write the database could re-sign its history. Keep the key elsewhere.',
    );
  }
}

/** Loads the private key, refusing a file that others may read. */
export function loadSigningKey(keyFile: string): SigningKey {
  if (process.platform !== 'win32') {
    const mode = statSync(keyFile).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new Error(`the audit signing key ${keyFile} is readable by others (mode ${mode.toString(8)}): chmod 600 it`);
    }
  }
  const privateKey = createPrivateKey(readFileSync(keyFile));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${keyFile} is not an Ed25519 private key`);
  return { privateKey, ...describe(createPublicKey(privateKey)) };
}

function writeNewFile(path: string, text: string, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The key at keyFile, created (0600, and its .pub) when there is none. Creation is atomic: the
 * key is written whole under a temporary name and linked into place, so two processes starting
 * at once end up with the same key and nobody ever reads half a key.
 */
export function loadOrCreateSigningKey(keyFile: string, dbPath: string): { key: SigningKey; created: boolean } {
  assertKeyOutsideDatabaseFolder(keyFile, dbPath);
  let created = false;
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const temp = `${keyFile}.${process.pid}.new`;
    writeNewFile(temp, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
    try {
      linkSync(temp, keyFile);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temp, { force: true });
    }
    const dirFd = openSync(dirname(keyFile), 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  }
  const key = loadSigningKey(keyFile);
  const pubFile = publicKeyFileFor(keyFile);
  if (!existsSync(pubFile)) {
    try {
      writeNewFile(pubFile, key.publicPem, 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { key, created };
}

/** A public key from a PEM file (a public key, or a private key whose public half is taken). */
export function readPublicKey(file: string): PublicKey {
  const pem = readFileSync(file);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem);
  } catch {
    throw new Error(`${file} holds no PEM public key`);
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 key`);
  return describe(publicKey);
}
