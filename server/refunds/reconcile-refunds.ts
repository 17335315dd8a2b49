import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { literal } from '../db/literal-limit';
import type { PaymentGateway } from '../adapters/payment-gateway';
import { SYSTEM_ACTOR } from '../audit/record-audit';
import type { Db } from '../db/client';
import { payBack } from './pay-back';
import { settleRefund } from './settle-refund';

// Settles refunds left pending: a lost gateway answer (timeout) or a bank card still settling.
// It asks the gateway what it knows under the refund's idempotency key; when the gateway never
// saw the request, it sends it again under the same key, which cannot pay twice.
export async function reconcileRefunds(db: Db, gateway: PaymentGateway, now: () => Date, olderThanMs = 30_000): Promise<number> {
  const cutoff = new Date(now().getTime() - olderThanMs).toISOString();
  const pending = await db
    .selectFrom('refunds')
    .innerJoin('orders', 'orders.order_no', 'refunds.order_no')
    .select([
      'refunds.id',
      'refunds.idempotency_key',
      'refunds.order_no',
      'refunds.amount_fen',
      'orders.payment_channel',
      'orders.transaction_id',
    ])
    .where('refunds.status', '=', 'pending')
    .where('refunds.created_at', '<=', cutoff)
    .orderBy('refunds.id')
    .limit(literal(50))
    .execute();
  let settled = 0;
  for (const r of pending) {
    // Background work gives way to agents between two refunds: with a gateway that answers at
    // once, awaiting it never reaches the event loop, and fifty settlements in a row held every
    // request for ~400 ms (the load test's p99 at 1,000,000 orders, docs/performance.md).
    await yieldToRequests();
    const known = await gateway.lookup(r.idempotency_key).catch(() => null);
    const outcome =
      known ??
      (await payBack(gateway, {
        id: r.id,
        idempotencyKey: r.idempotency_key,
        orderNo: r.order_no,
        transactionId: r.transaction_id,
        channel: r.payment_channel,
        amountFen: r.amount_fen,
      }));
    if (outcome && outcome.status !== 'pending') {
      await settleRefund(db, r.id, outcome, SYSTEM_ACTOR, now());
      settled++;
    }
  }
  return settled;
}
