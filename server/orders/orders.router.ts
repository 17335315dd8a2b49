import { ALLOW } from '../../shared/roles';
import { orderGetInput, orderSearchInput, orderUsageInput, revealInput } from '../../shared/schemas/orders';
import { currentPolicy } from '../policy/current-policy';
import { procedure, router } from '../trpc';
import { actorOf } from '../actor';
import { getOrder } from './get-order';
import { orderUsage } from './order-usage';
import { revealMember } from './reveal-member';
import { searchOrders } from './search-orders';

export const ordersRouter = router({
  search: procedure
    .meta({ allow: ALLOW.read })
    .input(orderSearchInput)
    .query(({ ctx, input }) => searchOrders(ctx.db, input)),
  get: procedure
    .meta({ allow: ALLOW.read })
    .input(orderGetInput)
    .query(async ({ ctx, input }) => getOrder(ctx.db, input.orderNo, (await currentPolicy(ctx.db)).timezone, ctx.now())),
  usage: procedure
    .meta({ allow: ALLOW.read })
    .input(orderUsageInput)
    .query(({ ctx, input }) => orderUsage(ctx.db, input)),
});

export const membersRouter = router({
  reveal: procedure
    .meta({ allow: ALLOW.work })
    .input(revealInput)
    .mutation(({ ctx, input }) => revealMember(ctx.db, actorOf(ctx), input, ctx.now())),
});
