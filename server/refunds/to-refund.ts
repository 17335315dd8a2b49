import { apiShape, type RowOf } from '../api-shape';
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

/** The one API shape of a refund. */
export function toRefund({ id, ...r }: RowOf<typeof selectRefunds>) {
  return { refundId: id, ...apiShape(r) };
}
