import { createHash } from 'node:crypto';
import type { Db } from '../db/client';

export async function samplePercent(db: Db): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'qa_sample_percent').executeTakeFirst();
  return row ? Number(row.value) : 20;
}

/** Deterministic by case: the same case is always in or out of the sample at a given share. */
export function inSample(caseNo: string, percent: number): boolean {
  return createHash('sha256').update(caseNo).digest().readUInt8(0) % 100 < percent;
}

// A refund an agent approved alone (no supervisor in the loop) may be drawn for QA review.
// Called inside the transaction that records the refund's success.
export async function sampleForQa(tx: Db, refundId: number, now: Date): Promise<boolean> {
  const refund = await tx
    .selectFrom('refunds')
    .innerJoin('staff', 'staff.id', 'refunds.approved_by')
    .select(['refunds.case_no', 'refunds.approved_by', 'staff.role'])
    .where('refunds.id', '=', refundId)
    .executeTakeFirst();
  if (!refund || refund.role !== 'agent') return false;
  if (!inSample(refund.case_no, await samplePercent(tx))) return false;
  await tx
    .insertInto('qa_reviews')
    .values({ case_no: refund.case_no, refund_id: refundId, agent_id: refund.approved_by, sampled_at: now.toISOString() })
    .onConflict((oc) => oc.column('refund_id').doNothing())
    .execute();
  return true;
}
