import type { z } from 'zod';
import type { staffUsernameInput } from '../../shared/schemas/auth';
import { actorOf } from '../actor';
import { recordAudit } from '../audit/record-audit';
import type { Context, StaffIdentity } from '../context';
import { writeTx } from '../db/write-tx';
import { found } from '../errors';
import { unlockAccount } from './login-throttle';
import { destroySessionsOf } from './sessions';

type Input = z.output<typeof staffUsernameInput>;

async function staffNamed(ctx: Context, username: string) {
  const staff = await found(
    ctx.db.selectFrom('staff').select(['id', 'username']).where('username', '=', username),
    `No staff member "${username}"`,
  );
  return staff;
}

/** An admin ends every session of a staff member (at once on this server); audited. */
export async function signOutUser(ctx: Context & { staff: StaffIdentity }, input: Input) {
  const target = await staffNamed(ctx, input.username);
  const sessions = await writeTx(ctx.db, async (tx) => {
    const ended = await destroySessionsOf(tx, target.id);
    await recordAudit(
      tx,
      actorOf(ctx),
      { action: 'auth.sign_out_user', entityType: 'staff', entityId: target.username, after: { sessions: ended } },
      ctx.now(),
    );
    return ended;
  });
  if (target.id === ctx.staff.id) ctx.cookie.clear();
  return { ok: true as const, sessions };
}

/** A supervisor or admin lifts a sign-in lock (login-throttle.ts) and clears the account's failures; audited. */
export async function unlockStaff(ctx: Context & { staff: StaffIdentity }, input: Input) {
  const target = await staffNamed(ctx, input.username);
  const was = await writeTx(ctx.db, async (tx) => {
    const cleared = await unlockAccount(tx, target.username);
    await recordAudit(
      tx,
      actorOf(ctx),
      { action: 'auth.unlock', entityType: 'staff', entityId: target.username, before: cleared },
      ctx.now(),
    );
    return cleared;
  });
  return { ok: true as const, wasLocked: was.locked, failuresCleared: was.failures };
}
