import { literal } from '../db/literal-limit';
import { DomainError } from '../errors';
import { z } from 'zod';
import { ALLOW } from '../../shared/roles';
import { calendarListInput, calendarSetInput, policyPublishInput } from '../../shared/schemas/policy';
import { weekday } from '../../shared/time/local-date';
import { actorOf } from '../actor';
import { recordAudit } from '../audit/record-audit';
import { writeTx } from '../db/write-tx';
import { procedure, router } from '../trpc';
import { currentPolicy } from './current-policy';

export const policyRouter = router({
  current: procedure
    .meta({ allow: ALLOW.anyone })
    .query(({ ctx }) => currentPolicy(ctx.db)),

  history: procedure
    .meta({ allow: ALLOW.anyone })
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      const rows = await ctx.db
        .selectFrom('policy_versions')
        .select(['version', 'settings', 'note', 'published_by', 'published_at'])
        .orderBy('version', 'desc')
        .execute();
      return rows.map((r) => ({
        version: r.version,
        settings: JSON.parse(r.settings),
        note: r.note,
        publishedBy: r.published_by,
        publishedAt: r.published_at,
      }));
    }),

  // A new version never edits an old one: quotes keep pointing at the version they used.
  publish: procedure
    .meta({ allow: ALLOW.administer })
    .input(policyPublishInput)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      return writeTx(ctx.db, async (tx) => {
        const current = await currentPolicy(tx);
        const latest = await tx.selectFrom('policy_versions').select('version').orderBy('version', 'desc').limit(literal(1)).executeTakeFirst();
        // an empty table means the built-in default, which is version 1
        const currentVersion = latest?.version ?? current.version;
        if (input.baseVersion !== currentVersion) {
          throw new DomainError('CONFLICT', `Version ${currentVersion} was published meanwhile: review it and publish again`);
        }
        const version = currentVersion + 1;
        const { version: _v, ...before } = current;
        await tx
          .insertInto('policy_versions')
          .values({ version, settings: JSON.stringify(input.settings), note: input.note, published_by: ctx.staff.username, published_at: now.toISOString() })
          .execute();
        await recordAudit(
          tx,
          actorOf(ctx),
          { action: 'policy.publish', entityType: 'policy', entityId: String(version), before, after: input.settings, reason: input.note },
          now,
        );
        return { version };
      });
    }),

  calendar: procedure
    .meta({ allow: ALLOW.anyone })
    .input(calendarListInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .selectFrom('calendar_days')
        .select(['date', 'kind', 'name'])
        .where('date', '>=', `${input.year}-01-01`)
        .where('date', '<=', `${input.year}-12-31`)
        .orderBy('date')
        .execute();
      return rows;
    }),

  setCalendarDay: procedure
    .meta({ allow: ALLOW.administer })
    .input(calendarSetInput)
    .mutation(async ({ ctx, input }) => {
      const day = weekday(input.date);
      const weekend = day === 0 || day === 6;
      if (input.kind === 'makeup_workday' && !weekend) {
        throw new DomainError('BAD_REQUEST', 'A make-up working day must fall on a weekend');
      }
      if (input.kind === 'holiday' && weekend) {
        throw new DomainError('BAD_REQUEST', 'Weekends are already days off: mark weekdays as holidays');
      }
      const now = ctx.now();
      return writeTx(ctx.db, async (tx) => {
        const before = await tx.selectFrom('calendar_days').select(['kind', 'name']).where('date', '=', input.date).executeTakeFirst();
        const kind = input.kind;
        if (kind === 'normal') await tx.deleteFrom('calendar_days').where('date', '=', input.date).execute();
        else {
          await tx
            .insertInto('calendar_days')
            .values({ date: input.date, kind, name: input.name })
            .onConflict((oc) => oc.column('date').doUpdateSet({ kind, name: input.name }))
            .execute();
        }
        await recordAudit(
          tx,
          actorOf(ctx),
          { action: 'calendar.set', entityType: 'calendar_day', entityId: input.date, before: before ?? { kind: 'normal' }, after: { kind: input.kind, name: input.name } },
          now,
        );
        return { date: input.date, kind: input.kind };
      });
    }),
});
