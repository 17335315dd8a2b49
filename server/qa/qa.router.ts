import { z } from 'zod';
import { ALLOW } from '../../shared/roles';
import { qaQueueInput, qaReviewInput, qaSettingsInput } from '../../shared/schemas/qa';
import { actorOf } from '../actor';
import { procedure, router } from '../trpc';
import { qaQueue, qaResults, reviewDecision, setQaSettings } from './qa-reviews';
import { samplePercent } from './sample-for-qa';

const noInput = z.object({}).strict().optional();

export const qaRouter = router({
  queue: procedure
    .meta({ allow: ALLOW.oversee })
    .input(qaQueueInput)
    .query(({ ctx, input }) => qaQueue(ctx.db, input)),
  review: procedure
    .meta({ allow: ALLOW.supervise })
    .input(qaReviewInput)
    .mutation(({ ctx, input }) => reviewDecision(ctx.db, actorOf(ctx), input, ctx.now())),
  results: procedure
    .meta({ allow: ALLOW.oversee })
    .input(noInput)
    .query(({ ctx }) => qaResults(ctx.db)),
  settings: procedure
    .meta({ allow: ALLOW.oversee })
    .input(noInput)
    .query(async ({ ctx }) => ({ samplePercent: await samplePercent(ctx.db) })),
  setSettings: procedure
    .meta({ allow: ALLOW.supervise })
    .input(qaSettingsInput)
    .mutation(({ ctx, input }) => setQaSettings(ctx.db, actorOf(ctx), input, ctx.now())),
});
