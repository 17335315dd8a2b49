import type { Db } from '../db/client';

/** A refund with who approved it, as the case and the order pages read it. */
export function selectRefunds(db: Db) {
  return db
    .selectFrom('refunds')
    .innerJoin('staff', 'staff.id', 'refunds.approved_by')
    .select([
      'refunds.id',
      'refunds.case_no',
      'refunds.amount_fen',
      'refunds.status',
      'refunds.payment_channel',
      'refunds.quote_id',
      'refunds.gateway_ref',
      'refunds.failure_reason',
      'refunds.created_at',
      'refunds.settled_at',
      'staff.username as approved_by',
    ]);
}

type RefundRow = Awaited<ReturnType<ReturnType<typeof selectRefunds>['executeTakeFirstOrThrow']>>;

/** The one API shape of a refund. */
export function toRefund(r: RefundRow) {
  return {
    refundId: r.id,
    caseNo: r.case_no,
    amountFen: r.amount_fen,
    status: r.status,
    paymentChannel: r.payment_channel,
    quoteId: r.quote_id,
    gatewayRef: r.gateway_ref,
    failureReason: r.failure_reason,
    approvedBy: r.approved_by,
    createdAt: r.created_at,
    settledAt: r.settled_at,
  };
}
