import { ALLOW } from '../../shared/roles';
import { parkedInput } from '../../shared/schemas/integration';
import { procedure, router } from '../trpc';
import { integrationSummary } from './integration-summary';
import { parkedEvents } from './parked-events';

export const integrationRouter = router({
  summary: procedure
    .meta({ allow: ALLOW.integration })
    .query(({ ctx }) => integrationSummary(ctx.db, ctx.now(), { enabled: (ctx.config.ingestSecrets ?? []).length > 0 })),
  parked: procedure
    .meta({ allow: ALLOW.integration })
    .input(parkedInput)
    .query(({ ctx, input }) => parkedEvents(ctx.db, input, ctx.now())),
});
