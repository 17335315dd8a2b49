import { computeRefund, type RefundPolicy } from '../../shared/refund';
import type { Db } from '../db/client';
import { engineInput, orderFacts } from '../cases/order-facts';
import type { DeliveryStatus, RefundPreference } from './store-schema';

// The answer to Apple's CONSUMPTION_REQUEST (docs/integration.md §6), from the refund engine on
// the calendar basis, as if the member had applied when Apple asked: how much of the membership
// was used (milliunits, 0–100000) and what the console's own policy would refund.
export interface ConsumptionAnswer {
  consumptionPercentage: number;
  deliveryStatus: DeliveryStatus;
  refundPreference: RefundPreference;
}

const PREFERENCE = { full: 'GRANT_FULL', prorated: 'GRANT_PRORATED', none: 'DECLINE' } as const;

export async function consumptionAnswer(tx: Db, orderNo: string, policy: RefundPolicy, asOf: Date): Promise<ConsumptionAnswer> {
  const facts = await orderFacts(tx, orderNo);
  const quote = computeRefund(engineInput(facts, { kind: 'calendar' }, policy, asOf, asOf.toISOString()));
  const share = quote.totalDays > 0 ? quote.usedDays / quote.totalDays : 0;
  const paid = facts.order.status !== 'payment_failed' && facts.order.paid_at !== null;
  return {
    consumptionPercentage: Math.max(0, Math.min(100_000, Math.round(share * 100_000))),
    deliveryStatus: paid ? 'DELIVERED' : 'UNDELIVERED_OTHER',
    refundPreference: PREFERENCE[quote.outcome],
  };
}
