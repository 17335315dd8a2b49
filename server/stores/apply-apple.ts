import { recordAudit, type Actor } from '../audit/record-audit';
import { openCaseIn } from '../cases/create-case';
import type { Db } from '../db/client';
import { businessCalendar, currentPolicy } from '../policy/current-policy';
import type { AppleNotification } from './apple-verify';
import { consumptionAnswer } from './consumption-answer';
import { appStoreActor } from './store-actor';
import { auditNotification, followStoreRenewal, notificationOutcomes, refundByStore, receiveStoreNotification } from './store-refund';
import type { StoreNotificationRecord, StoreOrder, StoreResult } from './store-refund';
import { storeDb } from './store-schema';

// What an App Store notification does (docs/integration.md §6), inside the caller's write
// transaction. Orders are matched by the notification's transactionId, else its
// originalTransactionId; a notification whose transaction no order carries yet is parked in
// ingest_parked (waits_for 'store_transaction') and applied in the transaction that brings the
// order (server/integration/apply-events.ts). Every change is audited naming the notification.

/** Notification types the console acts on; others are recorded and ignored. */
const HANDLED = new Set(['REFUND', 'REFUND_REVERSED', 'REFUND_DECLINED', 'DID_CHANGE_RENEWAL_STATUS', 'CONSUMPTION_REQUEST']);
/** The store request's answer is due this long after Apple asks. */
export const RESPOND_WITHIN_MS = 12 * 3_600_000;

export const PARKED_PREFIX = 'apple:';

/** Records a new notification and applies it; `duplicate` when its notificationUUID was seen. */
export const receiveAppleNotification = (tx: Db, n: AppleNotification, now: Date) =>
  receiveStoreNotification(tx, recordOf(n), now, () => applyAppleNotification(tx, n, now));

/** Applies a recorded notification (a new one, or a parked one whose order arrived). */
export async function applyAppleNotification(tx: Db, n: AppleNotification, now: Date): Promise<StoreResult> {
  const actor = await appStoreActor(tx, now);
  const { done, ignore, park } = notificationOutcomes(tx, recordOf(n), n, actor, audit, now);
  if (!HANDLED.has(n.notificationType)) return ignore();
  const ids = [n.transaction?.transactionId, n.transaction?.originalTransactionId, n.renewal?.originalTransactionId].filter(
    (id): id is string => Boolean(id),
  );
  const order = await findOrder(tx, ids);
  if (!order) {
    const key = ids[0] ?? '';
    return park({
      eventId: `${PARKED_PREFIX}${n.notificationUUID}`,
      key,
      reason: `no order with App Store transaction ${key} yet`,
      waitsFor: key,
    });
  }
  switch (n.notificationType) {
    case 'REFUND': {
      const caseNo = await refund(tx, actor, n, order, now);
      return done('applied', order.order_no, caseNo);
    }
    case 'REFUND_REVERSED':
      return done((await reverse(tx, actor, n, order, now)) ? 'applied' : 'stale', order.order_no);
    case 'REFUND_DECLINED':
      return done('applied', order.order_no, await declined(tx, actor, n, order, now));
    case 'DID_CHANGE_RENEWAL_STATUS':
      await renewal(tx, actor, n, order, now);
      return done('applied', order.order_no);
    default: {
      const caseNo = await consumptionRequest(tx, actor, n, order, now);
      return done('applied', order.order_no, caseNo);
    }
  }
}

type OrderRow = StoreOrder;

const recordOf = (n: AppleNotification): StoreNotificationRecord => ({
  notification_uuid: n.notificationUUID,
  store: 'apple',
  type: n.notificationType,
  subtype: n.subtype,
  transaction_id: n.transaction?.transactionId ?? null,
  original_transaction_id: n.transaction?.originalTransactionId ?? n.renewal?.originalTransactionId ?? null,
  signed_at: n.signedAt,
});

async function findOrder(tx: Db, ids: string[]) {
  for (const id of ids) {
    const o = await tx
      .selectFrom('orders')
      .select(['order_no', 'member_uid', 'plan_code', 'paid_fen', 'refunded_fen', 'status', 'open_case_no'])
      .where('transaction_id', '=', id)
      .executeTakeFirst();
    if (o) return o;
  }
  return undefined;
}

function audit(tx: Db, actor: Actor, n: AppleNotification, action: string, orderNo: string | null, after: object, now: Date) {
  return auditNotification(
    tx,
    actor,
    {
      action,
      orderNo,
      notificationId: n.notificationUUID,
      after: { notificationUUID: n.notificationUUID, notificationType: n.notificationType, subtype: n.subtype ?? undefined, ...after },
    },
    now,
  );
}

/** REFUND: what was paid is refunded by the store, the entitlement revoked at revocationDate, an open case closed. */
async function refund(tx: Db, actor: Actor, n: AppleNotification, order: OrderRow, now: Date): Promise<string | null> {
  const revokedAt = new Date(n.transaction?.revocationDate ?? Date.parse(n.signedAt)).toISOString();
  const note = `refunded by Apple (notification ${n.notificationUUID})`;
  const { closed, audited } = await refundByStore(tx, actor, order, n.notificationUUID, revokedAt, note, now);
  await audit(tx, actor, n, 'order.store_refund', order.order_no, audited, now);
  return closed;
}

/** REFUND_REVERSED: the store took its refund back: the order is paid again and the entitlement restored. */
async function reverse(tx: Db, actor: Actor, n: AppleNotification, order: OrderRow, now: Date): Promise<boolean> {
  const sdb = storeDb(tx);
  const refunded = await sdb
    .selectFrom('store_notifications')
    .select('notification_uuid')
    .where('order_no', '=', order.order_no)
    .where('type', '=', 'REFUND')
    .where('outcome', '=', 'applied')
    .executeTakeFirst();
  if (!refunded || order.refunded_fen === 0) {
    await audit(tx, actor, n, 'store.notification_stale', order.order_no, { reason: 'no store refund to reverse' }, now);
    return false;
  }
  await tx.updateTable('orders').set({ refunded_fen: 0, status: 'paid' }).where('order_no', '=', order.order_no).execute();
  await tx.updateTable('entitlements').set({ revoked_at: null }).where('order_no', '=', order.order_no).execute();
  await sdb
    .updateTable('store_notifications')
    .set({ outcome: 'stale' })
    .where('notification_uuid', '=', refunded.notification_uuid)
    .execute();
  await audit(
    tx,
    actor,
    n,
    'order.store_refund_reversed',
    order.order_no,
    { reverses: refunded.notification_uuid, before: { refundedFen: order.refunded_fen, status: order.status }, refundedFen: 0 },
    now,
  );
  return true;
}

/** REFUND_DECLINED: Apple said no; recorded on the case that asked (the open one, else the latest with a store request). */
async function declined(tx: Db, actor: Actor & { id: number }, n: AppleNotification, order: OrderRow, now: Date) {
  const latest = await storeDb(tx)
    .selectFrom('store_requests')
    .select('case_no')
    .where('order_no', '=', order.order_no)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const caseNo = order.open_case_no ?? latest?.case_no ?? null;
  if (caseNo)
    await tx
      .insertInto('case_decisions')
      .values({
        case_no: caseNo,
        action: 'store_refund_declined',
        quote_id: null,
        reason_code: null,
        note: `Apple declined the refund (notification ${n.notificationUUID})`,
        actor_id: actor.id,
        created_at: now.toISOString(),
      })
      .execute();
  await audit(tx, actor, n, 'order.store_refund_declined', order.order_no, { caseNo: caseNo ?? undefined }, now);
  return caseNo;
}

/** DID_CHANGE_RENEWAL_STATUS: the member's auto-renew on the order's plan follows the store's. */
async function renewal(tx: Db, actor: Actor, n: AppleNotification, order: OrderRow, now: Date) {
  const on = n.renewal?.autoRenewStatus !== undefined ? n.renewal.autoRenewStatus === 1 : n.subtype === 'AUTO_RENEW_ENABLED';
  const row = on
    ? { status: 'active' as const, cancelled_at: null, cancelled_by: null }
    : { status: 'cancelled' as const, cancelled_at: now.toISOString(), cancelled_by: actor.username, next_charge_at: null };
  const before = await followStoreRenewal(tx, order, row, now);
  await audit(tx, actor, n, 'subscription.store_renewal', order.order_no, { before, status: row.status }, now);
}

/** CONSUMPTION_REQUEST: a case (the open one, or a new one in the team's queue) carries Apple's question and the computed answer. */
async function consumptionRequest(tx: Db, actor: Actor & { id: number }, n: AppleNotification, order: OrderRow, now: Date) {
  const policy = await currentPolicy(tx);
  let caseNo = order.open_case_no;
  if (!caseNo) {
    const calendar = await businessCalendar(tx);
    const opened = await openCaseIn(
      tx,
      actor,
      {
        orderNo: order.order_no,
        channel: 'app',
        reason: 'other',
        requested: 'full',
        statement: `The member asked Apple for a refund; Apple asks for consumption data${n.consumptionRequestReason ? ` (reason: ${n.consumptionRequestReason})` : ''}.`,
      },
      now,
      { policy, calendar, assigneeId: null },
    );
    caseNo = opened.caseNo;
  }
  const answer = await consumptionAnswer(tx, order.order_no, policy, now);
  const respondBy = new Date(now.getTime() + RESPOND_WITHIN_MS).toISOString();
  await storeDb(tx)
    .insertInto('store_requests')
    .values({
      case_no: caseNo,
      order_no: order.order_no,
      store: 'apple',
      kind: 'consumption_request',
      notification_uuid: n.notificationUUID,
      transaction_id: n.transaction?.transactionId ?? '',
      received_at: now.toISOString(),
      respond_by: respondBy,
      consumption_percentage: answer.consumptionPercentage,
      delivery_status: answer.deliveryStatus,
      refund_preference: answer.refundPreference,
      sent_at: null,
      sent_by: null,
      last_error: null,
    })
    .execute();
  await recordAudit(
    tx,
    actor,
    {
      action: 'case.store_request',
      entityType: 'case',
      entityId: caseNo,
      after: {
        notificationUUID: n.notificationUUID,
        kind: 'consumption_request',
        respondBy,
        ...answer,
        reused: caseNo === order.open_case_no,
      },
    },
    now,
  );
  return caseNo;
}
