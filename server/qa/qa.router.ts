import { literal } from '../db/literal-limit';
import { DomainError } from '../errors';
import { sql } from 'kysely';
import { z } from 'zod';
import { ALLOW } from '../../shared/roles';
import { qaReviewInput, qaSettingsInput } from '../../shared/schemas/audit';
import { actorOf } from '../actor';
import { recordAudit } from '../audit/record-audit';
import { writeTx } from '../db/write-tx';
import { procedure, router } from '../trpc';
import { samplePercent } from './sample-for-qa';

export const qaRouter = router({
  queue: procedure
    .meta({ allow: ALLOW.oversee })
    .input(z.object({ reviewed: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) }).strict())
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .selectFrom('qa_reviews')
        .innerJoin('refunds', 'refunds.id', 'qa_reviews.refund_id')
        .innerJoin('refund_cases', 'refund_cases.case_no', 'qa_reviews.case_no')
        .innerJoin('staff as agent', 'agent.id', 'qa_reviews.agent_id')
        .leftJoin('staff as reviewer', 'reviewer.id', 'qa_reviews.reviewer_id')
        .select([
          'qa_reviews.id',
          'qa_reviews.case_no',
          'qa_reviews.sampled_at',
          'qa_reviews.verdict',
          'qa_reviews.comment',
          'qa_reviews.reviewed_at',
          'refunds.amount_fen',
          'refunds.quote_id',
          'refund_cases.reason',
          'refund_cases.order_no',
          'agent.username as agent',
          'reviewer.username as reviewer',
        ])
        .where('qa_reviews.reviewed_at', input.reviewed ? 'is not' : 'is', null)
        .orderBy('qa_reviews.sampled_at', input.reviewed ? 'desc' : 'asc')
        .limit(literal(input.limit))
        .execute();
      return rows.map((r) => ({
        reviewId: r.id,
        caseNo: r.case_no,
        orderNo: r.order_no,
        reason: r.reason,
        amountFen: r.amount_fen,
        quoteId: r.quote_id,
        agent: r.agent,
        sampledAt: r.sampled_at,
        verdict: r.verdict,
        comment: r.comment,
        reviewer: r.reviewer,
        reviewedAt: r.reviewed_at,
      }));
    }),

  review: procedure
    .meta({ allow: ALLOW.supervise })
    .input(qaReviewInput)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      return writeTx(ctx.db, async (tx) => {
        const review = await tx.selectFrom('qa_reviews').select(['id', 'case_no', 'agent_id', 'reviewed_at']).where('id', '=', input.reviewId).executeTakeFirst();
        if (!review) throw new DomainError('NOT_FOUND', `No QA review ${input.reviewId}`);
        if (review.reviewed_at) throw new DomainError('CONFLICT', 'This decision was already reviewed');
        if (review.agent_id === ctx.staff.id) throw new DomainError('FORBIDDEN', 'Nobody reviews their own decision');
        await tx
          .updateTable('qa_reviews')
          .set({ verdict: input.verdict, comment: input.comment, reviewer_id: ctx.staff.id, reviewed_at: now.toISOString() })
          .where('id', '=', review.id)
          .execute();
        await recordAudit(tx, actorOf(ctx), { action: 'qa.review', entityType: 'case', entityId: review.case_no, after: { verdict: input.verdict }, reason: input.comment || null }, now);
        return { reviewId: review.id, verdict: input.verdict };
      });
    }),

  results: procedure
    .meta({ allow: ALLOW.oversee })
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => {
      return ctx.db
        .selectFrom('qa_reviews')
        .innerJoin('staff', 'staff.id', 'qa_reviews.agent_id')
        .select([
          'staff.username as agent',
          sql<number>`count(*)`.as('sampled'),
          sql<number>`sum(case when verdict is not null then 1 else 0 end)`.as('reviewed'),
          sql<number>`sum(case when verdict = 'correct' then 1 else 0 end)`.as('correct'),
          sql<number>`sum(case when verdict = 'incorrect' then 1 else 0 end)`.as('incorrect'),
        ])
        .groupBy('staff.username')
        .orderBy('staff.username')
        .execute();
    }),

  settings: procedure
    .meta({ allow: ALLOW.oversee })
    .input(z.object({}).strict().optional())
    .query(async ({ ctx }) => ({ samplePercent: await samplePercent(ctx.db) })),

  setSettings: procedure
    .meta({ allow: ALLOW.supervise })
    .input(qaSettingsInput)
    .mutation(async ({ ctx, input }) => {
      const now = ctx.now();
      return writeTx(ctx.db, async (tx) => {
        const before = await samplePercent(tx);
        await tx
          .insertInto('settings')
          .values({ key: 'qa_sample_percent', value: String(input.samplePercent) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(input.samplePercent) }))
          .execute();
        await recordAudit(tx, actorOf(ctx), { action: 'qa.settings', entityType: 'settings', entityId: 'qa_sample_percent', before: { samplePercent: before }, after: input }, now);
        return input;
      });
    }),
});
