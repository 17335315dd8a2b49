import type { Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import { settleRefundIn } from '../refunds/settle-refund';
import type { GoogleNotification } from './google-verify';
import { googlePlayActor } from './store-actor';
import { auditNotification, followStoreRenewal, notificationOutcomes, refundByStore, receiveStoreNotification } from './store-refund';
import type { StoreNotificationRecord, StoreResult } from './store-refund';

// What a Google Play real-time developer notification does (docs/integration.md §6), inside the
// caller's write transaction. A Google Play order is the order whose transaction_id is the Play
// orderId (renewals: `GPA.…..0`, `..1`); its purchase token (orders.purchase_token, from the
// platform's order.paid) names the subscription's latest order. A notification whose order is not
// known yet is parked in ingest_parked (waits_for 'store_transaction', keyed by the orderId, or
// the purchase token for a subscription) and applied in the batch that brings the order.

export const GOOGLE_PARKED_PREFIX = 'google:';

/** Google's subscription notification types and what auto-renew becomes (others change nothing). */
const SUBSCRIPTION_TYPES: Record<number, { name: string; autoRenew?: 'active' | 'cancelled'; expired?: boolean }> = {
  1: { name: 'SUBSCRIPTION_RECOVERED', autoRenew: 'active' },
  2: { name: 'SUBSCRIPTION_RENEWED', autoRenew: 'active' },
  3: { name: 'SUBSCRIPTION_CANCELED', autoRenew: 'cancelled' },
  4: { name: 'SUBSCRIPTION_PURCHASED' },
  5: { name: 'SUBSCRIPTION_ON_HOLD' },
  6: { name: 'SUBSCRIPTION_IN_GRACE_PERIOD' },
  7: { name: 'SUBSCRIPTION_RESTARTED', autoRenew: 'active' },
  8: { name: 'SUBSCRIPTION_PRICE_CHANGE_CONFIRMED' },
  9: { name: 'SUBSCRIPTION_DEFERRED' },
  10: { name: 'SUBSCRIPTION_PAUSED' },
  11: { name: 'SUBSCRIPTION_PAUSE_SCHEDULE_CHANGED' },
  12: { name: 'SUBSCRIPTION_REVOKED', autoRenew: 'cancelled' },
  13: { name: 'SUBSCRIPTION_EXPIRED', autoRenew: 'cancelled', expired: true },
  20: { name: 'SUBSCRIPTION_PENDING_PURCHASE_CANCELED' },
};

const idOf = (n: GoogleNotification) => `${GOOGLE_PARKED_PREFIX}${n.messageId}`;

/** Records a new notification and applies it; `duplicate` when its messageId was seen. */
export const receiveGoogleNotification = (tx: Db, n: GoogleNotification, now: Date) =>
  receiveStoreNotification(tx, recordOf(n), now, () => applyGoogleNotification(tx, n, now));

/** Applies a recorded notification (a new one, or a parked one whose order arrived). */
export async function applyGoogleNotification(tx: Db, n: GoogleNotification, now: Date): Promise<StoreResult> {
  const actor = await googlePlayActor(tx, now);
  const { done, ignore, park } = notificationOutcomes(tx, recordOf(n), n, actor, audit, now);
  const type = n.subscription ? SUBSCRIPTION_TYPES[n.subscription.notificationType] : undefined;
  if (!n.voided && !type?.autoRenew) return ignore();
  const key = n.voided?.orderId ?? n.subscription!.purchaseToken;
  const order = await findOrder(tx, n);
  if (!order) {
    const reason = n.voided ? `no order with Google Play orderId ${key} yet` : 'no order with this Google Play purchase token yet';
    return park({ eventId: idOf(n), key, reason, waitsFor: n.voided ? key : 'purchase token' });
  }
  if (n.voided) {
    const result = await voided(tx, actor, n, order, now);
    return done(result.outcome, order.order_no, result.caseNo);
  }
  await autoRenew(tx, actor, n, order, type!, now);
  return done('applied', order.order_no);
}

type OrderRow = Awaited<ReturnType<typeof findOrder>> & {};

const recordOf = (n: GoogleNotification): StoreNotificationRecord => ({
  notification_uuid: idOf(n),
  store: 'google',
  type: n.kind,
  subtype: n.subscription ? (SUBSCRIPTION_TYPES[n.subscription.notificationType]?.name ?? String(n.subscription.notificationType)) : null,
  transaction_id: n.voided?.orderId ?? null,
  original_transaction_id: n.voided?.purchaseToken ?? n.subscription?.purchaseToken ?? null,
  signed_at: n.eventAt,
});

/** By the Play orderId, else the latest order carrying the purchase token. */
async function findOrder(tx: Db, n: GoogleNotification) {
  const columns = ['order_no', 'member_uid', 'plan_code', 'paid_fen', 'refunded_fen', 'status', 'open_case_no', 'payment_channel'] as const;
  if (n.voided) {
    const byId = await tx.selectFrom('orders').select(columns).where('transaction_id', '=', n.voided.orderId).executeTakeFirst();
    if (byId) return byId;
  }
  const token = n.voided?.purchaseToken ?? n.subscription?.purchaseToken;
  if (!token || n.voided) return undefined; // a void names its order: another order of the same token is not it
  return tx
    .selectFrom('orders')
    .select(columns)
    .where('purchase_token', '=', token)
    .orderBy('sort_at', 'desc')
    .orderBy('order_no', 'desc')
    .executeTakeFirst();
}

function audit(tx: Db, actor: Actor, n: GoogleNotification, action: string, orderNo: string | null, after: object, now: Date) {
  return auditNotification(
    tx,
    actor,
    { action, orderNo, notificationId: idOf(n), after: { store: 'google', messageId: n.messageId, notification: n.kind, ...after } },
    now,
  );
}

/**
 * voidedPurchaseNotification: Google refunded and revoked the order. When the console asked for
 * it (a refund of its own on the order; Google says voidedSource 1, developer), the void settles that refund — pending: it succeeds now;
 * settled already: nothing more — and never counts as a second refund. Otherwise the order is
 * refunded by the store for what was paid, the entitlement revoked, an open case closed.
 */
async function voided(tx: Db, actor: Actor, n: GoogleNotification, order: OrderRow, now: Date) {
  const v = n.voided!;
  const own = await tx
    .selectFrom('refunds')
    .select(['id', 'status', 'case_no'])
    .where('order_no', '=', order.order_no)
    .where('status', 'in', ['pending', 'succeeded'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const detail = { orderId: v.orderId, voidedSource: v.voidedSource ?? undefined, refundType: v.refundType ?? undefined };
  if (own?.status === 'pending') {
    await settleRefundIn(tx, own.id, { status: 'succeeded', gatewayRef: `play-void:${v.orderId}` }, actor, now);
    await audit(tx, actor, n, 'order.store_void_settled_refund', order.order_no, { ...detail, refundId: own.id }, now);
    return { outcome: 'applied' as const, caseNo: own.case_no };
  }
  if (own || order.refunded_fen >= order.paid_fen) {
    const reason = own ? `the console's refund #${own.id} was this void` : 'the order is refunded already';
    await audit(tx, actor, n, 'store.notification_stale', order.order_no, { ...detail, reason }, now);
    return { outcome: 'stale' as const, caseNo: null };
  }
  const note = `refunded by Google Play (message ${n.messageId})`;
  const { closed, audited } = await refundByStore(tx, actor, order, idOf(n), n.eventAt, note, now);
  await audit(tx, actor, n, 'order.store_refund', order.order_no, { ...detail, ...audited }, now);
  return { outcome: 'applied' as const, caseNo: closed };
}

/** subscriptionNotification: the member's auto-renew on the order's plan follows Google's. */
async function autoRenew(
  tx: Db,
  actor: Actor,
  n: GoogleNotification,
  order: OrderRow,
  type: (typeof SUBSCRIPTION_TYPES)[number],
  now: Date,
) {
  const row =
    type.autoRenew === 'active'
      ? { status: 'active' as const, cancelled_at: null, cancelled_by: null }
      : {
          status: 'cancelled' as const,
          cancelled_at: n.eventAt,
          cancelled_by: type.expired ? `${actor.username} (expired)` : actor.username,
          next_charge_at: null,
        };
  const before = await followStoreRenewal(tx, order, row, now);
  await audit(tx, actor, n, 'subscription.store_renewal', order.order_no, { type: type.name, before, status: row.status }, now);
}
