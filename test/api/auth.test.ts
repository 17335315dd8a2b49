import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, verifyPassword } from '../../server/auth/password';
import { verifyAuditChainAsync } from '../../server/audit/verify-chain-async';
import { destroySession, hashToken, resolveSession } from '../../server/auth/sessions';
import { createContextInner } from '../../server/context';
import { createCaller } from '../../server/router';
import { legacyScryptHash } from '../support/legacy-scrypt';
import { callerFor, createStaff, createTestWorld, TEST_COST, type TestWorld } from '../support/test-db';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.cleanup());

function loginCaller(cookies: { token?: string; cleared?: boolean }, ip = '10.0.0.1') {
  return createCaller(
    createContextInner(world.deps, {
      clientIp: ip,
      cookie: { set: (t) => (cookies.token = t), clear: () => (cookies.cleared = true) },
    }),
  );
}

describe('auth', () => {
  it('signs in with the right password, sets a session and records the sign-in', async () => {
    const staff = await createStaff(world, { username: 'agent9', role: 'agent' });
    const cookies: { token?: string } = {};
    const me = await loginCaller(cookies).auth.login({ username: 'agent9', password: staff.password });
    expect(me).toMatchObject({ username: 'agent9', role: 'agent' });
    expect(cookies.token).toBeTruthy();
    const session = await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120);
    expect(session?.staff.username).toBe('agent9');
    // the token is stored hashed, never as is
    const stored = await world.deps.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(cookies.token);
    const events = await world.deps.db.selectFrom('audit_events').select(['action', 'actor_username']).execute();
    expect(events).toEqual([{ action: 'auth.login', actor_username: 'agent9' }]);
  });

  describe('upgrading stored hashes at sign-in', () => {
    const storedHash = async (username: string) =>
      (await world.deps.db.selectFrom('staff').select('password_hash').where('username', '=', username).executeTakeFirstOrThrow())
        .password_hash;
    const events = () =>
      world.deps.db
        .selectFrom('audit_events')
        .select(['action', 'actor_username', 'entity_type', 'entity_id', 'before', 'after'])
        .orderBy('id')
        .execute();

    it('signs in with a legacy scrypt hash and replaces it with Argon2id in the same transaction, audited', async () => {
      const staff = await createStaff(world, { username: 'veteran' });
      const legacy = legacyScryptHash(staff.password);
      await world.deps.db.updateTable('staff').set({ password_hash: legacy }).where('id', '=', staff.id).execute();

      const cookies: { token?: string } = {};
      await expect(loginCaller(cookies).auth.login({ username: 'veteran', password: staff.password })).resolves.toMatchObject({
        username: 'veteran',
      });
      expect(cookies.token).toBeTruthy();

      const upgraded = await storedHash('veteran');
      expect(upgraded.startsWith('$argon2id$v=19$m=1024,t=1,p=1$')).toBe(true); // the world's cost (config.passwordCost)
      await expect(verifyPassword(staff.password, upgraded)).resolves.toBe(true);
      await expect(verifyPassword('wrong', upgraded)).resolves.toBe(false);
      expect(await events()).toEqual([
        { action: 'auth.login', actor_username: 'veteran', entity_type: 'staff', entity_id: 'veteran', before: null, after: null },
        {
          action: 'auth.password_rehashed',
          actor_username: 'veteran',
          entity_type: 'staff',
          entity_id: 'veteran',
          before: JSON.stringify({ scheme: 'scrypt', params: 'N=1024,r=8,p=1' }),
          after: JSON.stringify({ scheme: 'argon2id', params: 'v=19,m=1024,t=1,p=1' }),
        },
      ]);
      // the hash itself never reaches the audit log
      expect(JSON.stringify(await events())).not.toContain(upgraded.split('$')[4]);
      expect(await verifyAuditChainAsync(world.deps.db)).toEqual({ ok: true, events: 2 });

      // the next sign-in verifies the new hash and leaves it alone
      await expect(loginCaller({}).auth.login({ username: 'veteran', password: staff.password })).resolves.toMatchObject({
        username: 'veteran',
      });
      expect(await storedHash('veteran')).toBe(upgraded);
      expect((await events()).map((e) => e.action)).toEqual(['auth.login', 'auth.password_rehashed', 'auth.login']);
    });

    it("upgrades to OWASP's Argon2id cost (m=19 MiB, t=2, p=1) when the deployment sets none", async () => {
      world.deps.config.passwordCost = undefined; // as in production (server/deps.ts)
      const staff = await createStaff(world, { username: 'agent9' }); // hashed at the test cost
      await loginCaller({}).auth.login({ username: 'agent9', password: staff.password });
      const upgraded = await storedHash('agent9');
      expect(upgraded.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
      await expect(verifyPassword(staff.password, upgraded)).resolves.toBe(true);
      expect((await events()).map((e) => [e.action, e.before, e.after])).toEqual([
        ['auth.login', null, null],
        [
          'auth.password_rehashed',
          JSON.stringify({ scheme: 'argon2id', params: 'v=19,m=1024,t=1,p=1' }),
          JSON.stringify({ scheme: 'argon2id', params: 'v=19,m=19456,t=2,p=1' }),
        ],
      ]);
    });

    it('leaves a legacy hash as it is after a failed sign-in, and on an inactive account', async () => {
      const staff = await createStaff(world, { username: 'veteran' });
      const gone = await createStaff(world, { username: 'gone', active: 0 });
      for (const s of [staff, gone]) {
        await world.deps.db
          .updateTable('staff')
          .set({ password_hash: legacyScryptHash(s.password) })
          .where('id', '=', s.id)
          .execute();
      }
      const before = [await storedHash('veteran'), await storedHash('gone')];
      await expect(loginCaller({}).auth.login({ username: 'veteran', password: 'not it' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(loginCaller({}).auth.login({ username: 'gone', password: gone.password })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
      expect([await storedHash('veteran'), await storedHash('gone')]).toEqual(before);
      expect((await events()).map((e) => e.action)).toEqual(['auth.login_failed', 'auth.login_failed']);
    });

    it('verifies an unknown account against a decoy at the cost of the stored hashes', async () => {
      await createStaff(world, { username: 'agent9' });
      const sample = await storedHash('agent9');
      const decoy = await decoyHash(sample);
      const params = (s: string) => s.split('$').slice(0, 4).join('$');
      expect(params(decoy)).toBe(params(sample));
      expect(params(decoy)).toBe(params(await hashPassword('x', TEST_COST)));
      // and with a deployment that still stores scrypt hashes, a scrypt decoy of the same cost
      await world.deps.db
        .updateTable('staff')
        .set({ password_hash: legacyScryptHash('agent9-pw') })
        .execute();
      expect((await decoyHash(await storedHash('agent9'))).split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
      await expect(loginCaller({}).auth.login({ username: 'ghost', password: 'agent9-pw' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    });
  });

  it('answers a wrong password and an unknown account the same way, and audits both', async () => {
    await createStaff(world, { username: 'agent9' });
    const wrong = loginCaller({}).auth.login({ username: 'agent9', password: 'nope' });
    await expect(wrong).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong username or password' });
    const unknown = loginCaller({}).auth.login({ username: 'ghost', password: 'nope' });
    await expect(unknown).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong username or password' });
    const events = await world.deps.db.selectFrom('audit_events').select('action').execute();
    expect(events.map((e) => e.action)).toEqual(['auth.login_failed', 'auth.login_failed']);
    expect(await world.deps.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  // sign-in throttling: test/api/sign-in-throttle.test.ts

  it('refuses an inactive account', async () => {
    const staff = await createStaff(world, { username: 'gone', active: 0 });
    await expect(loginCaller({}).auth.login({ username: 'gone', password: staff.password })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('rejects malformed sign-in input with BAD_REQUEST and field errors', async () => {
    await expect(loginCaller({}).auth.login({ username: '', password: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // @ts-expect-error wrong types on purpose
    await expect(loginCaller({}).auth.login({ username: 5, password: null })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('me answers UNAUTHORIZED without a session and the profile with one', async () => {
    await expect(callerFor(world, null).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const staff = await createStaff(world, { role: 'supervisor' });
    await expect(callerFor(world, staff).auth.me()).resolves.toMatchObject({ role: 'supervisor', username: staff.username });
  });

  it('sign-out kills the session on the server', async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    const cookies: { token?: string; cleared?: boolean } = {};
    await loginCaller(cookies).auth.login({ username: 'agent9', password: staff.password });
    const session = await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120);
    const caller = createCaller(
      createContextInner(world.deps, {
        staff: session!.staff,
        sessionTokenHash: session!.tokenHash,
        cookie: { set: () => {}, clear: () => (cookies.cleared = true) },
      }),
    );
    await expect(caller.auth.logout({})).resolves.toEqual({ ok: true });
    expect(cookies.cleared).toBe(true);
    expect(await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120)).toBeNull();
  });

  it('does not keep a session read that was under way while the session was destroyed', async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    const cookies: { token?: string } = {};
    await loginCaller(cookies).auth.login({ username: 'agent9', password: staff.password });
    const reading = resolveSession(world.deps.db, cookies.token!, world.clock.now, 120);
    await destroySession(world.deps.db, hashToken(cookies.token!));
    expect(await reading).not.toBeNull(); // it read the row before the sign-out
    expect(await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120)).toBeNull();
  });

  it('checks a remembered session against the clock on every use', async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    const cookies: { token?: string } = {};
    await loginCaller(cookies).auth.login({ username: 'agent9', password: staff.password });
    expect(await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120)).not.toBeNull();
    world.clock.advance(121 * 60_000);
    expect(await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120)).toBeNull();
  });

  it('expires an idle session', async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    const cookies: { token?: string } = {};
    await loginCaller(cookies).auth.login({ username: 'agent9', password: staff.password });
    world.clock.advance(121 * 60_000);
    expect(await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120)).toBeNull();
  });

  it('still answers a signed-in request when the database cannot take the expiry slide (lock held)', async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    const cookies: { token?: string } = {};
    await loginCaller(cookies).auth.login({ username: 'agent9', password: staff.password });
    world.clock.advance(5 * 60_000); // due for a slide
    const before = await world.deps.db.selectFrom('sessions').select(['expires_at', 'last_seen_at']).executeTakeFirstOrThrow();
    const release = await holdSessionsLock(cookies.token!);
    try {
      const session = await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120);
      expect(session?.staff.username).toBe('agent9');
      expect(session?.expiresAt.toISOString()).toBe(before.expires_at);
    } finally {
      await release();
    }
    expect(await world.deps.db.selectFrom('sessions').select(['expires_at', 'last_seen_at']).executeTakeFirstOrThrow()).toEqual(before);
    // once the lock is gone the next request slides it
    const slid = await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120);
    expect(slid?.expiresAt.getTime()).toBe(world.clock.now.getTime() + 120 * 60_000);
  });
});

/**
 * Another connection holding what the slide needs, until released: SQLite's write lock (this
 * connection's busy timeout cut to 50 ms), or PostgreSQL's lock on the session's row (the slide's
 * own lock_timeout, 5 s, then gives up).
 */
async function holdSessionsLock(token: string): Promise<() => Promise<void>> {
  if (!world.databaseUrl) {
    const other = new Database(join(world.dir, 'test.db'));
    world.database.sqlite.pragma('busy_timeout = 50');
    other.exec('begin immediate');
    return async () => {
      other.exec('rollback');
      other.close();
      world.database.sqlite.pragma('busy_timeout = 5000');
    };
  }
  const other = new pg.Client({ connectionString: world.databaseUrl });
  await other.connect();
  await other.query('begin');
  await other.query('select 1 from sessions where token_hash = $1 for update', [hashToken(token)]);
  return async () => {
    await other.query('rollback');
    await other.end();
  };
}
