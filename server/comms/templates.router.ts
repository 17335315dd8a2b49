import { ALLOW } from '../../shared/roles';
import { templateDeleteInput, templateSaveInput, templatesListInput } from '../../shared/schemas/comms';
import { actorOf } from '../actor';
import { procedure, router } from '../trpc';
import { listTemplates, removeTemplate, saveTemplate } from './templates';

export const templatesRouter = router({
  list: procedure
    .meta({ allow: ALLOW.read })
    .input(templatesListInput)
    .query(({ ctx, input }) => listTemplates(ctx.reader, input)),
  save: procedure
    .meta({ allow: ALLOW.supervise })
    .input(templateSaveInput)
    .mutation(({ ctx, input }) => saveTemplate(ctx.db, actorOf(ctx), input, ctx.now())),
  remove: procedure
    .meta({ allow: ALLOW.supervise })
    .input(templateDeleteInput)
    .mutation(({ ctx, input }) => removeTemplate(ctx.db, actorOf(ctx), input, ctx.now())),
});
