import { DomainError } from '../errors';
import { z } from 'zod';
import { ALLOW } from '../../shared/roles';
import { templateDeleteInput, templateSaveInput } from '../../shared/schemas/comms';
import { actorOf } from '../actor';
import { recordAudit } from '../audit/record-audit';
import { writeTx } from '../db/write-tx';
import { procedure, router } from '../trpc';

// The reply library (话术): everyone reads it, supervisors manage it.
export const templatesRouter = router({
  list: procedure
    .meta({ allow: ALLOW.read })
    .input(z.object({ locale: z.enum(['zh-CN', 'en']).optional() }).strict().optional())
    .query(async ({ ctx, input }) => {
      let q = ctx.db.selectFrom('message_templates').select(['id', 'code', 'locale', 'title', 'body', 'updated_by', 'updated_at']);
      if (input?.locale) q = q.where('locale', '=', input.locale);
      return q.orderBy('code').orderBy('locale').execute();
    }),

  save: procedure
    .meta({ allow: ALLOW.supervise })
    .input(templateSaveInput)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      return writeTx(ctx.db, async (tx) => {
        const before = await tx
          .selectFrom('message_templates')
          .select(['id', 'title', 'body'])
          .where('code', '=', input.code)
          .where('locale', '=', input.locale)
          .executeTakeFirst();
        const row = await tx
          .insertInto('message_templates')
          .values({ ...input, updated_by: ctx.staff.username, updated_at: now.toISOString() })
          .onConflict((oc) =>
            oc.columns(['code', 'locale']).doUpdateSet({ title: input.title, body: input.body, updated_by: ctx.staff.username, updated_at: now.toISOString() }),
          )
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(
          tx,
          actorOf(ctx),
          { action: 'template.save', entityType: 'template', entityId: `${input.code}/${input.locale}`, before: before ?? null, after: { title: input.title, body: input.body } },
          now,
        );
        return { id: row.id };
      });
    }),

  remove: procedure
    .meta({ allow: ALLOW.supervise })
    .input(templateDeleteInput)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      return writeTx(ctx.db, async (tx) => {
        const before = await tx.selectFrom('message_templates').select(['code', 'locale', 'title', 'body']).where('id', '=', input.id).executeTakeFirst();
        if (!before) throw new DomainError('NOT_FOUND', `No template ${input.id}`);
        await tx.deleteFrom('message_templates').where('id', '=', input.id).execute();
        await recordAudit(tx, actorOf(ctx), { action: 'template.delete', entityType: 'template', entityId: `${before.code}/${before.locale}`, before }, now);
        return { ok: true as const };
      });
    }),
});
