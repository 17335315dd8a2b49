import { ALLOW } from '../../shared/roles';
import { cancelAutoRenewInput, revealInput } from '../../shared/schemas/members';
import { actorOf } from '../actor';
import { procedure, router } from '../trpc';
import { cancelMemberAutoRenew } from './cancel-member-auto-renew';
import { revealMember } from './reveal-member';

export const membersRouter = router({
  reveal: procedure
    .meta({ allow: ALLOW.work })
    .input(revealInput)
    .mutation(({ ctx, input }) => revealMember(ctx.db, actorOf(ctx), input, ctx.now())),
  cancelAutoRenew: procedure
    .meta({ allow: ALLOW.work })
    .input(cancelAutoRenewInput)
    .mutation(({ ctx, input }) => cancelMemberAutoRenew(ctx.db, actorOf(ctx), input, ctx.now())),
});
