import { z } from 'zod';
import { ALLOW } from '../../shared/roles';
import { changePasswordInput, loginInput, staffOutput, staffUsernameInput } from '../../shared/schemas/auth';
import { procedure, publicProcedure, router } from '../trpc';
import { signOutUser, unlockStaff } from './account-admin';
import { changePassword } from './change-password';
import { signIn, signOut, signOutEverywhere } from './sign-in';

// auth.* mutations are never batched (server/http/trpc-handler.ts).
export const authRouter = router({
  login: publicProcedure
    .meta({ allow: 'public' })
    .input(loginInput)
    .output(staffOutput)
    .mutation(({ ctx, input }) => signIn(ctx, input)),
  logout: publicProcedure
    .meta({ allow: 'public' })
    .input(z.object({}).strict().optional())
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx }) => signOut(ctx)),
  logoutAll: procedure
    .meta({ allow: ALLOW.anyone })
    .input(z.object({}).strict().optional())
    .mutation(({ ctx }) => signOutEverywhere(ctx)),
  changePassword: procedure
    .meta({ allow: ALLOW.anyone })
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx, input)),
  signOutUser: procedure
    .meta({ allow: ALLOW.administer })
    .input(staffUsernameInput)
    .mutation(({ ctx, input }) => signOutUser(ctx, input)),
  unlock: procedure
    .meta({ allow: ['supervisor', 'admin'] })
    .input(staffUsernameInput)
    .mutation(({ ctx, input }) => unlockStaff(ctx, input)),
  me: procedure
    .meta({ allow: ['agent', 'supervisor', 'auditor', 'admin'] })
    .output(staffOutput)
    .query(({ ctx }) => ({
      username: ctx.staff.username,
      role: ctx.staff.role,
      displayName: ctx.staff.displayName,
      approvalLimitFen: ctx.staff.approvalLimitFen,
    })),
});
