import { sql } from 'kysely';
import type { Db } from '../db/client';

/** What may still be paid back on an order: paid − refunded − refunds in flight (pending). */
export async function leftToRefund(tx: Db, order: { order_no: string; paid_fen: number; refunded_fen: number }): Promise<number> {
  const inFlight = await tx
    .selectFrom('refunds')
    .select(sql<number>`coalesce(sum(amount_fen), 0)`.as('fen'))
    .where('order_no', '=', order.order_no)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return order.paid_fen - order.refunded_fen - inFlight.fen;
}
