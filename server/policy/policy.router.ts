import { z } from 'zod';
import { ALLOW } from '../../shared/roles';
import { calendarListInput, calendarSetInput, policyPublishInput } from '../../shared/schemas/policy';
import { actorOf } from '../actor';
import { procedure, router } from '../trpc';
import { calendarCoverage, listCalendar, setCalendarDay } from './calendar';
import { currentPolicy } from './current-policy';
import { policyHistory, publishPolicy } from './policy-versions';

export const policyRouter = router({
  current: procedure.meta({ allow: ALLOW.anyone }).query(({ ctx }) => currentPolicy(ctx.reader)),
  history: procedure
    .meta({ allow: ALLOW.anyone })
    .input(z.object({}).strict().optional())
    .query(({ ctx }) => policyHistory(ctx.reader)),
  publish: procedure
    .meta({ allow: ALLOW.administer })
    .input(policyPublishInput)
    .mutation(({ ctx, input }) => publishPolicy(ctx.db, actorOf(ctx), input, ctx.now())),
  calendar: procedure
    .meta({ allow: ALLOW.anyone })
    .input(calendarListInput)
    .query(({ ctx, input }) => listCalendar(ctx.reader, input)),
  calendarCoverage: procedure
    .meta({ allow: ALLOW.anyone })
    .input(z.object({}).strict().optional())
    .query(({ ctx }) => calendarCoverage(ctx.db, ctx.now())),
  setCalendarDay: procedure
    .meta({ allow: ALLOW.administer })
    .input(calendarSetInput)
    .mutation(({ ctx, input }) => setCalendarDay(ctx.db, actorOf(ctx), input, ctx.now())),
});
