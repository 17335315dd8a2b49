import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Argon2id at OWASP's first recommended configuration (Password Storage Cheat Sheet: m=19 MiB,
// t=2, p=1), stored as a PHC string `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`. The parameters
// are in the hash, so verification always uses the cost the hash was made with. About 15 ms and
// 19 MiB per hash here; at most two run at once so a burst of sign-ins cannot exhaust memory.
//
// Hashes made before the switch are scrypt (`scrypt$N$r$p$saltB64$keyB64`, N=2^17 at OWASP's
// cost). They are still verified, and replaced by an Argon2id hash at the next successful
// sign-in (needsRehash, auth.router.ts). Nothing here makes new scrypt hashes except decoys
// for deployments that still store scrypt ones.
export interface Argon2Cost {
  /** m, in KiB */
  memoryCost: number;
  /** t, passes */
  timeCost: number;
  /** p, lanes */
  parallelism: number;
}
export const OWASP_ARGON2: Readonly<Argon2Cost> = Object.freeze({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
const ARGON2_VERSION = 19; // 0x13, the package's default and the only current version

interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
const SCRYPT_KEY_LENGTH = 32;
const MAX_CONCURRENT = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const normalise = (password: string) => password.normalize('NFKC');

// `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>` (unpadded base64). Only Argon2id is accepted.
const ARGON2ID_PHC = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

function argon2Params(stored: string): (Argon2Cost & { version: number }) | null {
  const m = ARGON2ID_PHC.exec(stored);
  if (!m) return null;
  return { version: Number(m[1]), memoryCost: Number(m[2]), timeCost: Number(m[3]), parallelism: Number(m[4]) };
}

function scryptParams(stored: string): (ScryptCost & { salt: string; key: string }) | null {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return null;
  return { N: Number(n), r: Number(r), p: Number(p), salt, key };
}

// Legacy: verification of scrypt hashes made before the switch, and decoys like them.
function scryptDerive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 16 * 1024 * 1024 };
  return withSlot(
    () =>
      new Promise((resolve, reject) =>
        scrypt(normalise(password), salt, SCRYPT_KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

async function hashLegacyScrypt(password: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptDerive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** An Argon2id PHC string for the password, at OWASP's cost unless told (tests use a tiny one). */
export async function hashPassword(password: string, cost: Argon2Cost = OWASP_ARGON2): Promise<string> {
  const { memoryCost, timeCost, parallelism } = cost;
  // Argon2id and version 0x13 are the package's defaults (its Algorithm enum is type-only).
  const stored = await withSlot(() => argon2Hash(normalise(password), { memoryCost, timeCost, parallelism, outputLen: 32 }));
  if (!argon2Params(stored)) throw new Error('argon2 produced a hash that is not Argon2id');
  return stored;
}

/** Checks a password against an Argon2id PHC string or a legacy scrypt hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (argon2Params(stored)) {
    return withSlot(() => argon2Verify(stored, normalise(password))).catch(() => false);
  }
  const legacy = scryptParams(stored);
  if (!legacy) return false;
  const expected = Buffer.from(legacy.key, 'base64');
  const actual = await scryptDerive(password, Buffer.from(legacy.salt, 'base64'), legacy);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Whether a stored hash should be replaced (after a successful sign-in, when the password is at
 * hand): anything but Argon2id v=19 at exactly `cost` — a legacy scrypt hash, or Argon2id made
 * with other parameters. Tests pass their own cheap cost so their hashes are left alone.
 */
export function needsRehash(stored: string, cost: Argon2Cost = OWASP_ARGON2): boolean {
  const params = argon2Params(stored);
  return (
    !params ||
    params.version !== ARGON2_VERSION ||
    params.memoryCost !== cost.memoryCost ||
    params.timeCost !== cost.timeCost ||
    params.parallelism !== cost.parallelism
  );
}

/** The scheme and parameters of a stored hash, for the audit trail (never the hash itself). */
export function describeHash(stored: string): { scheme: string; params: string } {
  const argon2 = argon2Params(stored);
  if (argon2)
    return { scheme: 'argon2id', params: `v=${argon2.version},m=${argon2.memoryCost},t=${argon2.timeCost},p=${argon2.parallelism}` };
  const legacy = scryptParams(stored);
  if (legacy) return { scheme: 'scrypt', params: `N=${legacy.N},r=${legacy.r},p=${legacy.p}` };
  return { scheme: 'unknown', params: '' };
}

// A hash of a password nobody has, verified when the account does not exist, so that a
// wrong username costs the same time as a wrong password. It uses the scheme and cost of the
// hashes the deployment actually stores (read from one of them), one decoy per cost.
const decoys = new Map<string, Promise<string>>();
export function decoyHash(likeStored?: string): Promise<string> {
  const argon2 = likeStored ? argon2Params(likeStored) : null;
  const legacy = likeStored && !argon2 ? scryptParams(likeStored) : null;
  let key: string;
  let make: () => Promise<string>;
  const secret = randomBytes(12).toString('hex');
  if (legacy) {
    const cost = { N: legacy.N, r: legacy.r, p: legacy.p };
    key = `scrypt/${cost.N}/${cost.r}/${cost.p}`;
    make = () => hashLegacyScrypt(secret, cost);
  } else {
    const cost = argon2 ? { memoryCost: argon2.memoryCost, timeCost: argon2.timeCost, parallelism: argon2.parallelism } : OWASP_ARGON2;
    key = `argon2id/${cost.memoryCost}/${cost.timeCost}/${cost.parallelism}`;
    make = () => hashPassword(secret, cost);
  }
  let decoy = decoys.get(key);
  if (!decoy) {
    decoy = make();
    decoy.catch(() => decoys.delete(key));
    decoys.set(key, decoy);
  }
  return decoy;
}
