import { ALLOW } from '../../shared/roles';
import { dashboardInput } from '../../shared/schemas/dashboard';
import { procedure, router } from '../trpc';
import { dashboardSummary } from './dashboard-summary';

export const dashboardRouter = router({
  summary: procedure
    .meta({ allow: ALLOW.oversee })
    .input(dashboardInput)
    .query(({ ctx, input }) => dashboardSummary(ctx.reader, input, ctx.now())),
});
