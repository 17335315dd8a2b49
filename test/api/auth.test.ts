import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetThrottle } from '../../server/auth/login-throttle';
import { destroySession, hashToken, resolveSession } from '../../server/auth/sessions';
import { createContextInner } from '../../server/context';
import { createCaller } from '../../server/router';
import { callerFor, createStaff, createTestWorld, type TestWorld } from '../support/test-db';

let world: TestWorld;
beforeEach(async () => {
  resetThrottle();
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

  it('throttles an account after 10 failures in 5 minutes, even with the right password', async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    for (let i = 0; i < 10; i++) {
      await expect(loginCaller({}, `10.0.1.${i}`).auth.login({ username: 'agent9', password: 'bad' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    await expect(loginCaller({}, '10.0.2.1').auth.login({ username: 'agent9', password: staff.password })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    world.clock.advance(5 * 60_000 + 1);
    await expect(loginCaller({}, '10.0.2.1').auth.login({ username: 'agent9', password: staff.password })).resolves.toMatchObject({
      username: 'agent9',
    });
  });

  it('throttles one address trying many accounts, with the same answer for unknown accounts', async () => {
    await createStaff(world, { username: 'agent9' });
    for (let i = 0; i < 10; i++) {
      await expect(loginCaller({}, '10.9.9.9').auth.login({ username: `ghost${i}`, password: 'x' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    await expect(loginCaller({}, '10.9.9.9').auth.login({ username: 'someone', password: 'x' })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

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
    const other = new Database(join(world.dir, 'test.db'));
    world.database.sqlite.pragma('busy_timeout = 50');
    other.exec('begin immediate');
    try {
      const session = await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120);
      expect(session?.staff.username).toBe('agent9');
      expect(session?.expiresAt.toISOString()).toBe(before.expires_at);
    } finally {
      other.exec('rollback');
      other.close();
      world.database.sqlite.pragma('busy_timeout = 5000');
    }
    expect(await world.deps.db.selectFrom('sessions').select(['expires_at', 'last_seen_at']).executeTakeFirstOrThrow()).toEqual(before);
    // once the lock is gone the next request slides it
    const slid = await resolveSession(world.deps.db, cookies.token!, world.clock.now, 120);
    expect(slid?.expiresAt.getTime()).toBe(world.clock.now.getTime() + 120 * 60_000);
  });
});
