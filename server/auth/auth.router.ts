import { literal } from '../db/literal-limit';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { loginInput, staffOutput } from '../../shared/schemas/auth';
import { recordAudit } from '../audit/record-audit';
import { writeTx } from '../db/write-tx';
import { procedure, publicProcedure, router } from '../trpc';
import { clearFailures, isThrottled, recordFailure } from './login-throttle';
import { decoyHash, verifyPassword } from './password';
import { createSession, destroySession } from './sessions';

const WRONG = 'Wrong username or password';

export const authRouter = router({
  login: publicProcedure
    .meta({ allow: 'public' })
    .input(loginInput)
    .output(staffOutput)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      const userKey = `user:${input.username.toLowerCase()}`;
      const keys = [userKey, `ip:${ctx.clientIp ?? 'unknown'}`];
      if (isThrottled(keys, now.getTime())) {
        throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Too many failed sign-ins. Try again in a few minutes.' });
      }
      const staff = await ctx.db
        .selectFrom('staff')
        .select(['id', 'username', 'display_name', 'role', 'password_hash', 'approval_limit_fen', 'active'])
        .where('username', '=', input.username)
        .executeTakeFirst();
      const sample = staff ? null : await ctx.db.selectFrom('staff').select('password_hash').limit(literal(1)).executeTakeFirst();
      const ok = await verifyPassword(input.password, staff?.password_hash ?? (await decoyHash(sample?.password_hash)));
      const actor = { requestId: ctx.requestId, clientIp: ctx.clientIp };
      if (!staff || !ok || !staff.active) {
        recordFailure(keys, now.getTime());
        await writeTx(ctx.db, (tx) =>
          recordAudit(
            tx,
            { ...actor, id: staff?.id ?? null, username: input.username, role: staff?.role ?? 'unknown' },
            { action: 'auth.login_failed', entityType: 'staff', entityId: input.username },
            now,
          ),
        );
        throw new TRPCError({ code: 'UNAUTHORIZED', message: WRONG });
      }
      clearFailures(userKey);
      const session = await writeTx(ctx.db, async (tx) => {
        const s = await createSession(tx, staff.id, now, ctx.config.sessionIdleMinutes);
        await recordAudit(
          tx,
          { ...actor, id: staff.id, username: staff.username, role: staff.role },
          { action: 'auth.login', entityType: 'staff', entityId: staff.username },
          now,
        );
        return s;
      });
      ctx.cookie.set(session.token, session.expiresAt);
      return {
        username: staff.username,
        role: staff.role,
        displayName: staff.display_name,
        approvalLimitFen: staff.approval_limit_fen,
      };
    }),

  logout: publicProcedure
    .meta({ allow: 'public' })
    .input(z.object({}).strict().optional())
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx }) => {
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
    }),

  me: procedure
    .meta({ allow: ['agent', 'supervisor', 'auditor', 'admin'] })
    .output(staffOutput)
    .query(({ ctx }) => {
      const s = ctx.staff!;
      return { username: s.username, role: s.role, displayName: s.displayName, approvalLimitFen: s.approvalLimitFen };
    }),
});
