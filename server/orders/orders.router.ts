import { ALLOW } from '../../shared/roles';
import { orderGetInput, orderSearchInput, orderUsageInput } from '../../shared/schemas/orders';
import { actorOf } from '../actor';
import { currentPolicy } from '../policy/current-policy';
import { procedure, router } from '../trpc';
import { getOrder } from './get-order';
import { orderUsage } from './order-usage';
import { searchOrdersAs } from './search-orders';

export const ordersRouter = router({
  search: procedure
    .meta({ allow: ALLOW.read })
    .input(orderSearchInput)
    .query(({ ctx, input }) => searchOrdersAs(ctx.db, ctx.reader, actorOf(ctx), input, ctx.now())),
  get: procedure
    .meta({ allow: ALLOW.read })
    .input(orderGetInput)
    .query(async ({ ctx, input }) => getOrder(ctx.reader, input.orderNo, await currentPolicy(ctx.reader), ctx.now())),
  usage: procedure
    .meta({ allow: ALLOW.read })
    .input(orderUsageInput)
    .query(({ ctx, input }) => orderUsage(ctx.reader, input)),
});
