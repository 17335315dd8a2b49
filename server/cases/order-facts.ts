import { found } from '../errors';
import type { RefundInput, RefundPolicy } from '../../shared/refund';
import type { Db } from '../db/client';
import { selectOrderRows } from '../orders/order-row';
import { usageForEngine, usageLog } from './quote-currency';

// The facts the engine needs about one order, read from the database.
export async function orderFacts(db: Db, orderNo: string) {
  // an order row's columns (selectOrderRows) and what the engine needs beside them
  const order = await found(
    selectOrderRows(db)
      .leftJoin('entitlements', 'entitlements.order_no', 'orders.order_no')
      .select(['orders.transaction_id', 'plans.duration_days', 'entitlements.activated_at'])
      .where('orders.order_no', '=', orderNo),
    `No order ${orderNo}`,
  );
  const usage = await usageLog(db, orderNo);
  return { order, usage };
}

export type OrderFacts = Awaited<ReturnType<typeof orderFacts>>;

export function engineInput(
  facts: OrderFacts,
  basis: RefundInput['basis'],
  policy: RefundPolicy,
  asOf: Date,
  appliedAt?: string | null,
): RefundInput {
  const { order, usage } = facts;
  return {
    order: {
      paidFen: order.paid_fen,
      refundedFen: order.refunded_fen,
      status: order.status,
      paidAt: order.paid_at,
      tier: order.tier,
      durationDays: order.duration_days,
      anomaly: order.anomaly,
    },
    activatedAt: order.activated_at ?? null,
    usage: usage.map(usageForEngine),
    basis,
    policy,
    asOf: asOf.toISOString(),
    ...(appliedAt ? { appliedAt } : {}),
  };
}
