import { z } from 'zod';
import { loginInput, staffOutput } from '../../shared/schemas/auth';
import { procedure, publicProcedure, router } from '../trpc';
import { signIn, signOut } from './sign-in';

export const authRouter = router({
  login: publicProcedure.meta({ allow: 'public' }).input(loginInput).output(staffOutput).mutation(({ ctx, input }) => signIn(ctx, input)),
  logout: publicProcedure
    .meta({ allow: 'public' })
    .input(z.object({}).strict().optional())
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx }) => signOut(ctx)),
  me: procedure
    .meta({ allow: ['agent', 'supervisor', 'auditor', 'admin'] })
    .output(staffOutput)
    .query(({ ctx }) => ({ username: ctx.staff.username, role: ctx.staff.role, displayName: ctx.staff.displayName, approvalLimitFen: ctx.staff.approvalLimitFen })),
});
