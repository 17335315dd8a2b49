import { randomBytes, scryptSync } from 'node:crypto';

/**
 * A password hash in the format stored before the switch to Argon2id
 * (`scrypt$N$r$p$saltB64$keyB64`, NFKC-normalised password, 32-byte key), built here with
 * node:crypto directly so the tests check the old format itself, not a copy of its code.
 * Low cost by default: the format, not the strength, is what is tested.
 */
export function legacyScryptHash(password: string, cost = { N: 2 ** 10, r: 8, p: 1 }): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}
