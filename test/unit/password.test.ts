import { describe, expect, it } from 'vitest';
import { decoyHash, describeHash, hashPassword, needsRehash, OWASP_ARGON2, verifyPassword } from '../../server/auth/password';
import { legacyScryptHash } from '../support/legacy-scrypt';
import { TEST_COST } from '../support/test-db';

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

describe('password hashing', () => {
  it("hashes with Argon2id at OWASP's first configuration (m=19 MiB, t=2, p=1) by default", async () => {
    expect(OWASP_ARGON2).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(PHC);
    expect(stored.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', stored)).resolves.toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('takes the cost it is given, salts every hash and verifies only the right password', async () => {
    const a = await hashPassword('s3cret', TEST_COST);
    const b = await hashPassword('s3cret', TEST_COST);
    expect(a).toMatch(PHC);
    expect(a.startsWith('$argon2id$v=19$m=1024,t=1,p=1$')).toBe(true);
    expect(a).not.toBe(b);
    await expect(verifyPassword('s3cret', a)).resolves.toBe(true);
    await expect(verifyPassword('s3cret', b)).resolves.toBe(true);
    await expect(verifyPassword('S3cret', a)).resolves.toBe(false);
    await expect(verifyPassword('', a)).resolves.toBe(false);
  });

  it('normalises passwords with NFKC, for Argon2id and legacy scrypt hashes alike', async () => {
    // U+FB01 (the "fi" ligature) and full-width letters are NFKC-equal to plain ASCII
    const argon2 = await hashPassword('ﬁle-ＰＷ', TEST_COST);
    await expect(verifyPassword('file-PW', argon2)).resolves.toBe(true);
    const scrypt = legacyScryptHash('file-PW');
    await expect(verifyPassword('ﬁle-ＰＷ', scrypt)).resolves.toBe(true);
  });

  it('still verifies legacy scrypt hashes, and asks for them to be replaced', async () => {
    const stored = legacyScryptHash('old-password');
    expect(stored.startsWith('scrypt$1024$8$1$')).toBe(true);
    await expect(verifyPassword('old-password', stored)).resolves.toBe(true);
    await expect(verifyPassword('old-passwort', stored)).resolves.toBe(false);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash(stored, TEST_COST)).toBe(true);
    expect(describeHash(stored)).toEqual({ scheme: 'scrypt', params: 'N=1024,r=8,p=1' });
  });

  it('asks for a rehash whenever the Argon2id parameters differ from the cost in force', async () => {
    const test = await hashPassword('pw', TEST_COST);
    expect(needsRehash(test)).toBe(true); // below OWASP
    expect(needsRehash(test, TEST_COST)).toBe(false);
    expect(needsRehash(test, { ...TEST_COST, timeCost: 2 })).toBe(true);
    expect(needsRehash(test, { ...TEST_COST, memoryCost: 2048 })).toBe(true);
    expect(needsRehash(test, { ...TEST_COST, parallelism: 2 })).toBe(true);
    expect(needsRehash(test.replace('$v=19$', '$v=16$'), TEST_COST)).toBe(true);
    expect(needsRehash(test.replace('$argon2id$', '$argon2i$'), TEST_COST)).toBe(true);
    expect(needsRehash('', TEST_COST)).toBe(true);
    expect(describeHash(test)).toEqual({ scheme: 'argon2id', params: 'v=19,m=1024,t=1,p=1' });
  });

  it('answers false, never throws, for stored values that are not a hash it knows', async () => {
    const good = await hashPassword('pw', TEST_COST);
    for (const stored of [
      '',
      'pw',
      'scrypt$1024$8$1',
      '$argon2id$v=19$m=1024,t=1,p=1$',
      good.replace('$argon2id$', '$argon2i$'),
      `${good.slice(0, -4)}!!!!`,
    ]) {
      await expect(verifyPassword('pw', stored)).resolves.toBe(false);
    }
  });

  it('makes decoys at the scheme and cost of the hashes the deployment stores', async () => {
    const params = (s: string) => s.split('$').slice(0, 4).join('$');
    const test = await hashPassword('pw', TEST_COST);
    const decoy = await decoyHash(test);
    expect(params(decoy)).toBe('$argon2id$v=19$m=1024,t=1,p=1');
    expect(decoy).not.toBe(test);
    expect(await decoyHash(await hashPassword('other', TEST_COST))).toBe(decoy); // one per cost
    await expect(verifyPassword('pw', decoy)).resolves.toBe(false);

    const owasp = await decoyHash(); // an empty staff table: OWASP's cost
    expect(params(owasp)).toBe('$argon2id$v=19$m=19456,t=2,p=1');
    expect(await decoyHash('not a hash')).toBe(owasp);

    const legacy = await decoyHash(legacyScryptHash('pw'));
    expect(legacy.split('$').slice(0, 4).join('$')).toBe('scrypt$1024$8$1');
    await expect(verifyPassword('pw', legacy)).resolves.toBe(false);
  });
});
