import type { z } from 'zod';
import type { templateDeleteInput, templateSaveInput, templatesListInput } from '../../shared/schemas/comms';
import type { StaffActor } from '../actor';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { found } from '../errors';

// The reply library (话术): everyone reads it, supervisors manage it.

export function listTemplates(db: Db, input: z.output<typeof templatesListInput>) {
  let q = db.selectFrom('message_templates').select(['id', 'code', 'locale', 'title', 'body', 'updated_by', 'updated_at']);
  if (input?.locale) q = q.where('locale', '=', input.locale);
  return q.orderBy('code').orderBy('locale').execute();
}

export function saveTemplate(db: Db, actor: StaffActor, input: z.output<typeof templateSaveInput>, now: Date) {
  return writeTx(db, async (tx) => {
    const before = await tx
      .selectFrom('message_templates')
      .select(['id', 'title', 'body'])
      .where('code', '=', input.code)
      .where('locale', '=', input.locale)
      .executeTakeFirst();
    const row = await tx
      .insertInto('message_templates')
      .values({ ...input, updated_by: actor.username, updated_at: now.toISOString() })
      .onConflict((oc) =>
        oc
          .columns(['code', 'locale'])
          .doUpdateSet({ title: input.title, body: input.body, updated_by: actor.username, updated_at: now.toISOString() }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      actor,
      {
        action: 'template.save',
        entityType: 'template',
        entityId: `${input.code}/${input.locale}`,
        before: before ?? null,
        after: { title: input.title, body: input.body },
      },
      now,
    );
    return { id: row.id };
  });
}

export function removeTemplate(db: Db, actor: StaffActor, input: z.output<typeof templateDeleteInput>, now: Date) {
  return writeTx(db, async (tx) => {
    const before = await found(
      tx.selectFrom('message_templates').select(['code', 'locale', 'title', 'body']).where('id', '=', input.id),
      `No template ${input.id}`,
    );
    await tx.deleteFrom('message_templates').where('id', '=', input.id).execute();
    await recordAudit(
      tx,
      actor,
      { action: 'template.delete', entityType: 'template', entityId: `${before.code}/${before.locale}`, before },
      now,
    );
    return { ok: true as const };
  });
}
