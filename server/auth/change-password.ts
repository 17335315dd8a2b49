import type { z } from 'zod';
import type { changePasswordInput } from '../../shared/schemas/auth';
import { actorOf } from '../actor';
import { recordAudit } from '../audit/record-audit';
import type { Context, StaffIdentity } from '../context';
import { writeTx } from '../db/write-tx';
import { DomainError } from '../errors';
import { attemptSucceeded, beginAttempt } from './login-throttle';
import { describeHash, hashPassword, OWASP_ARGON2, verifyPassword } from './password';
import { destroySessionsOf } from './sessions';

/**
 * The signed-in staff member changes their password: the current one is checked (throttled and
 * counted like a sign-in, so a stolen session cannot guess it), the new one is stored as
 * Argon2id, and every OTHER session of theirs ends; audited, the hash itself never.
 */
export async function changePassword(ctx: Context & { staff: StaffIdentity }, input: z.output<typeof changePasswordInput>) {
  const now = ctx.now();
  const actor = actorOf(ctx);
  if (input.newPassword === input.currentPassword)
    throw new DomainError('BAD_REQUEST', 'Choose a new password that differs from the current one');
  const attempt = await beginAttempt(ctx.db, { username: ctx.staff.username, address: ctx.clientIp, actor }, now);
  const row = await ctx.db.selectFrom('staff').select('password_hash').where('id', '=', ctx.staff.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    // the attempt stays counted as a failure
    await writeTx(ctx.db, (tx) =>
      recordAudit(tx, actor, { action: 'auth.password_change_failed', entityType: 'staff', entityId: ctx.staff.username }, now),
    );
    throw new DomainError('BAD_REQUEST', 'The current password is wrong', {
      details: { fieldErrors: { currentPassword: ['The current password is wrong'] } },
    });
  }
  // hashed outside the write lock (slow on purpose)
  const hashed = await hashPassword(input.newPassword, ctx.config.passwordCost ?? OWASP_ARGON2);
  const sessionsEnded = await writeTx(ctx.db, async (tx) => {
    // Only over the hash just verified: a change made meanwhile is not overwritten.
    const updated = await tx
      .updateTable('staff')
      .set({ password_hash: hashed })
      .where('id', '=', ctx.staff.id)
      .where('password_hash', '=', row.password_hash)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new DomainError('CONFLICT', 'Your password was changed meanwhile. Sign in again.');
    await attemptSucceeded(tx, attempt);
    const ended = await destroySessionsOf(tx, ctx.staff.id, { except: ctx.sessionTokenHash });
    await recordAudit(
      tx,
      actor,
      {
        action: 'auth.password_changed',
        entityType: 'staff',
        entityId: ctx.staff.username,
        before: describeHash(row.password_hash),
        after: { ...describeHash(hashed), otherSessionsEnded: ended },
      },
      now,
    );
    return ended;
  });
  return { ok: true as const, otherSessionsEnded: sessionsEnded };
}
