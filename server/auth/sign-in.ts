import type { z } from 'zod';
import type { loginInput } from '../../shared/schemas/auth';
import { recordAudit } from '../audit/record-audit';
import type { Context } from '../context';
import { literal } from '../db/literal-limit';
import { writeTx } from '../db/write-tx';
import { DomainError } from '../errors';
import { attemptSucceeded, beginAttempt } from './login-throttle';
import { decoyHash, describeHash, hashPassword, needsRehash, OWASP_ARGON2, verifyPassword } from './password';
import { createSession, destroySession, destroySessionsOf } from './sessions';

const WRONG = 'Wrong username or password';

/**
 * Checks a password, opens a session and sets its cookie. The attempt is counted before the
 * password is verified (login-throttle.ts); failures are audited.
 */
export async function signIn(ctx: Context, input: z.output<typeof loginInput>) {
  const now = ctx.now();
  const staff = await ctx.db
    .selectFrom('staff')
    .select(['id', 'username', 'display_name', 'role', 'password_hash', 'approval_limit_fen', 'active'])
    .where('username', '=', input.username)
    .executeTakeFirst();
  const actor = { requestId: ctx.requestId, clientIp: ctx.clientIp };
  const asTyped = { ...actor, id: staff?.id ?? null, username: input.username, role: staff?.role ?? 'unknown' };
  const attempt = await beginAttempt(ctx.db, { username: input.username, address: ctx.clientIp, actor: asTyped }, now);
  const sample = staff ? null : await ctx.db.selectFrom('staff').select('password_hash').limit(literal(1)).executeTakeFirst();
  const ok = await verifyPassword(input.password, staff?.password_hash ?? (await decoyHash(sample?.password_hash)));
  if (!staff || !ok || !staff.active) {
    // the attempt stays counted as a failure
    await writeTx(ctx.db, (tx) =>
      recordAudit(tx, asTyped, { action: 'auth.login_failed', entityType: 'staff', entityId: input.username }, now),
    );
    throw new DomainError('UNAUTHORIZED', WRONG);
  }
  const cost = ctx.config.passwordCost ?? OWASP_ARGON2;
  const rehashed = needsRehash(staff.password_hash, cost) ? await hashPassword(input.password, cost) : null;
  const session = await writeTx(ctx.db, async (tx) => {
    await attemptSucceeded(tx, attempt);
    const s = await createSession(tx, staff.id, now, ctx.config.sessionIdleMinutes);
    const who = { ...actor, id: staff.id, username: staff.username, role: staff.role };
    await recordAudit(tx, who, { action: 'auth.login', entityType: 'staff', entityId: staff.username }, now);
    if (rehashed) {
      // Only over the hash just verified: a password changed meanwhile is not overwritten.
      const updated = await tx
        .updateTable('staff')
        .set({ password_hash: rehashed })
        .where('id', '=', staff.id)
        .where('password_hash', '=', staff.password_hash)
        .executeTakeFirst();
      if (updated.numUpdatedRows > 0n) {
        await recordAudit(
          tx,
          who,
          {
            action: 'auth.password_rehashed',
            entityType: 'staff',
            entityId: staff.username,
            before: describeHash(staff.password_hash),
            after: describeHash(rehashed),
          },
          now,
        );
      }
    }
    return s;
  });
  ctx.cookie.set(session.token, session.expiresAt);
  return {
    username: staff.username,
    role: staff.role,
    displayName: staff.display_name,
    approvalLimitFen: staff.approval_limit_fen,
  };
}

/** Ends the current session (if any) and clears the cookie. */
export async function signOut(ctx: Context) {
  const staff = ctx.staff;
  const tokenHash = ctx.sessionTokenHash;
  if (staff && tokenHash) {
    await writeTx(ctx.db, async (tx) => {
      await destroySession(tx, tokenHash);
      await recordAudit(
        tx,
        { id: staff.id, username: staff.username, role: staff.role, requestId: ctx.requestId, clientIp: ctx.clientIp },
        { action: 'auth.logout', entityType: 'staff', entityId: staff.username },
        ctx.now(),
      );
    });
  }
  ctx.cookie.clear();
  return { ok: true as const };
}

/** Ends every session of the signed-in staff member, this one included, and clears the cookie. */
export async function signOutEverywhere(ctx: Context & { staff: NonNullable<Context['staff']> }) {
  const staff = ctx.staff;
  const sessions = await writeTx(ctx.db, async (tx) => {
    const ended = await destroySessionsOf(tx, staff.id);
    await recordAudit(
      tx,
      { id: staff.id, username: staff.username, role: staff.role, requestId: ctx.requestId, clientIp: ctx.clientIp },
      { action: 'auth.logout_all', entityType: 'staff', entityId: staff.username, after: { sessions: ended } },
      ctx.now(),
    );
    return ended;
  });
  ctx.cookie.clear();
  return { ok: true as const, sessions };
}
