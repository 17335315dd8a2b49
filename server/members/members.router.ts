import { ALLOW } from '../../shared/roles';
import { revealInput } from '../../shared/schemas/members';
import { actorOf } from '../actor';
import { procedure, router } from '../trpc';
import { revealMember } from './reveal-member';

export const membersRouter = router({
  reveal: procedure.meta({ allow: ALLOW.work }).input(revealInput).mutation(({ ctx, input }) => revealMember(ctx.db, actorOf(ctx), input, ctx.now())),
});
