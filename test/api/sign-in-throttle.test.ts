import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_CEILING, PAIR_FREE_FAILURES } from '../../server/auth/login-throttle';
import { verifyAuditChainAsync } from '../../server/audit/verify-chain-async';
import { createContextInner, type Deps } from '../../server/context';
import { createCaller } from '../../server/router';
import { callerFor, createStaff, createTestWorld, secondConnection, type TestWorld } from '../support/test-db';

// Sign-in throttling (server/auth/login-throttle.ts, docs/security.md): counted in the database
// before the password is verified, per (account, address) with growing waits, and a per-account
// ceiling that locks until a supervisor or admin unlocks.
let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.cleanup());

const from = (ip: string, deps: Deps = world.deps) => createCaller(createContextInner(deps, { clientIp: ip }));
const login = (username: string, password: string, ip: string, deps?: Deps) => from(ip, deps).auth.login({ username, password });
const actions = async () => (await world.deps.db.selectFrom('audit_events').select('action').orderBy('id').execute()).map((e) => e.action);
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? 'error',
  );

describe('sign-in throttling', () => {
  it('counts each attempt before verifying: of 30 concurrent wrong guesses at most the free ones are verified, the rest 429', async () => {
    await createStaff(world, { username: 'agent9' });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => outcome(login('agent9', `guess-${i}`, '10.6.6.6'))));
    expect(results.filter((r) => r === 'UNAUTHORIZED')).toHaveLength(PAIR_FREE_FAILURES);
    expect(results.filter((r) => r === 'TOO_MANY_REQUESTS')).toHaveLength(30 - PAIR_FREE_FAILURES);
    // one audited failure per verified guess, nothing for the refused ones
    expect(await actions()).toEqual(Array(PAIR_FREE_FAILURES).fill('auth.login_failed'));
    expect(await world.deps.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('makes a pair wait longer after each failure past the free ones, says how long, and a success clears the wait', async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    for (let i = 0; i < PAIR_FREE_FAILURES; i++)
      await expect(login('agent9', 'bad', '10.0.0.7')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const refused = login('agent9', staff.password, '10.0.0.7'); // even the right password waits
    await expect(refused).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((await refused.catch((e: { cause?: { details?: unknown } }) => e.cause?.details)) as object).toEqual({ retryAfterSeconds: 1 });
    world.clock.advance(1_000);
    await expect(login('agent9', 'bad', '10.0.0.7')).rejects.toMatchObject({ code: 'UNAUTHORIZED' }); // 6th failure: next wait 2 s
    world.clock.advance(1_000);
    await expect(login('agent9', 'bad', '10.0.0.7')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('1 s'),
    });
    world.clock.advance(1_000);
    await expect(login('agent9', staff.password, '10.0.0.7')).resolves.toMatchObject({ username: 'agent9' });
    // the success cleared the pair: the next typo is verified at once
    await expect(login('agent9', 'bad', '10.0.0.7')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it("an attacker's failures from one address do not lock the real user out at another", async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    for (let i = 0; i < 40; i++) await outcome(login('agent9', `guess-${i}`, '203.0.113.66'));
    await expect(login('agent9', 'x', '203.0.113.66')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // the real user, elsewhere: a typo is verified (no wait), the right password signs in
    await expect(login('agent9', 'typo', '10.1.2.3')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(login('agent9', staff.password, '10.1.2.3')).resolves.toMatchObject({ username: 'agent9' });
  });

  it('keeps its counts in the database: a second server on the same database sees them', async () => {
    await createStaff(world, { username: 'agent9' });
    const second = secondConnection(world);
    try {
      const other: Deps = { ...world.deps, db: second.db };
      for (let i = 0; i < PAIR_FREE_FAILURES; i++)
        await expect(login('agent9', 'bad', '10.0.0.8')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(login('agent9', 'bad', '10.0.0.8', other)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    } finally {
      await second.close();
    }
  });

  it('locks an account at the ceiling, from any addresses, until a supervisor unlocks it; lock and unlock are audited', async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    const supervisor = await createStaff(world, { role: 'supervisor' });
    const agent = await createStaff(world, { role: 'agent' });
    for (let i = 0; i < ACCOUNT_CEILING; i++) {
      await expect(login('agent9', 'bad', `10.7.${Math.floor(i / 200)}.${i % 200}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    const locked = { code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('locked') };
    await expect(login('agent9', staff.password, '10.9.9.9')).rejects.toMatchObject(locked);
    expect((await actions()).filter((a) => a === 'auth.account_locked')).toHaveLength(1);
    // time does not lift it
    world.clock.advance(3 * 60 * 60_000);
    await expect(login('agent9', staff.password, '10.9.9.9')).rejects.toMatchObject(locked);
    // an agent may not unlock; a supervisor may
    await expect(callerFor(world, agent).auth.unlock({ username: 'agent9' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(world, supervisor).auth.unlock({ username: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(world, supervisor).auth.unlock({ username: 'agent9' })).resolves.toEqual({
      ok: true,
      wasLocked: true,
      failuresCleared: ACCOUNT_CEILING,
    });
    const unlock = await world.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'auth.unlock').executeTakeFirstOrThrow();
    expect(unlock).toMatchObject({
      actor_username: supervisor.username,
      entity_id: 'agent9',
      before: JSON.stringify({ locked: true, failures: ACCOUNT_CEILING }),
    });
    await expect(login('agent9', staff.password, '10.9.9.9')).resolves.toMatchObject({ username: 'agent9' });
    expect(await verifyAuditChainAsync(world.deps.db)).toMatchObject({ ok: true });
  });

  it('an admin can unlock too', async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    const admin = await createStaff(world, { role: 'admin' });
    for (let i = 0; i <= ACCOUNT_CEILING; i++) await outcome(login('agent9', 'bad', `10.8.0.${i}`));
    await expect(login('agent9', staff.password, '10.8.1.1')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await expect(callerFor(world, admin).auth.unlock({ username: 'agent9' })).resolves.toMatchObject({ wasLocked: true });
    await expect(login('agent9', staff.password, '10.8.1.1')).resolves.toMatchObject({ username: 'agent9' });
  });

  it('answers an unknown account exactly like a real one, lock included', async () => {
    await createStaff(world, { username: 'agent9' });
    const answers = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i <= ACCOUNT_CEILING + 1; i++) {
        out.push(
          await login(username, 'bad', `10.5.0.${i}`).then(
            () => 'ok',
            (e: Error) => e.message,
          ),
        );
      }
      return out;
    };
    expect(await answers('ghost')).toEqual(await answers('agent9'));
  });

  it('throttles a password change like a sign-in (a stolen session cannot guess the password)', async () => {
    const staff = await createStaff(world, { username: 'agent9' });
    const caller = callerFor(world, staff, { clientIp: '10.4.4.4' });
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      await expect(caller.auth.changePassword({ currentPassword: `guess-${i}`, newPassword: 'a-new-password-1' })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    await expect(caller.auth.changePassword({ currentPassword: staff.password, newPassword: 'a-new-password-1' })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    expect((await actions()).filter((a) => a === 'auth.password_change_failed')).toHaveLength(PAIR_FREE_FAILURES);
    // and the failures count towards the account's sign-in limits from that address
    await expect(login('agent9', staff.password, '10.4.4.4')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});
