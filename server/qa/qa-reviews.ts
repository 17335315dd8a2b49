import { sql } from 'kysely';
import type { z } from 'zod';
import type { qaQueueInput, qaReviewInput, qaSettingsInput } from '../../shared/schemas/qa';
import type { StaffActor } from '../actor';
import { apiShape } from '../api-shape';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/client';
import { literal } from '../db/literal-limit';
import { writeTx } from '../db/write-tx';
import { DomainError, found } from '../errors';
import { samplePercent } from './sample-for-qa';

/** Sampled decisions waiting for review (oldest first), or those reviewed (newest first). */
export async function qaQueue(db: Db, input: z.output<typeof qaQueueInput>) {
  const rows = await db
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
  return rows.map(({ id, ...r }) => ({ reviewId: id, ...apiShape(r) }));
}

export function reviewDecision(db: Db, actor: StaffActor, input: z.output<typeof qaReviewInput>, now: Date) {
  return writeTx(db, async (tx) => {
    const review = await found(
      tx.selectFrom('qa_reviews').select(['id', 'case_no', 'agent_id', 'reviewed_at']).where('id', '=', input.reviewId),
      `No QA review ${input.reviewId}`,
    );
    if (review.reviewed_at) throw new DomainError('CONFLICT', 'This decision was already reviewed');
    if (review.agent_id === actor.id) throw new DomainError('FORBIDDEN', 'Nobody reviews their own decision');
    await tx
      .updateTable('qa_reviews')
      .set({ verdict: input.verdict, comment: input.comment, reviewer_id: actor.id, reviewed_at: now.toISOString() })
      .where('id', '=', review.id)
      .execute();
    await recordAudit(
      tx,
      actor,
      {
        action: 'qa.review',
        entityType: 'case',
        entityId: review.case_no,
        after: { verdict: input.verdict },
        reason: input.comment || null,
      },
      now,
    );
    return { reviewId: review.id, verdict: input.verdict };
  });
}

/** Per agent: decisions sampled, reviewed, judged correct and incorrect. */
export function qaResults(db: Db) {
  return db
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
}

export function setQaSettings(db: Db, actor: StaffActor, input: z.output<typeof qaSettingsInput>, now: Date) {
  return writeTx(db, async (tx) => {
    const before = await samplePercent(tx);
    await tx
      .insertInto('settings')
      .values({ key: 'qa_sample_percent', value: String(input.samplePercent) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(input.samplePercent) }))
      .execute();
    await recordAudit(
      tx,
      actor,
      { action: 'qa.settings', entityType: 'settings', entityId: 'qa_sample_percent', before: { samplePercent: before }, after: input },
      now,
    );
    return input;
  });
}
