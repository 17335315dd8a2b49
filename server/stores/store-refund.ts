import { recordAudit, type Actor } from '../audit/record-audit';
import { applyTransition, loadCase } from '../cases/apply-transition';
import type { Db } from '../db/client';
import type { Selectable } from 'kysely';
import type { OrdersTable } from '../db/schema';
import { storeDb, type StoreNotificationsTable } from './store-schema';

// What the App Store and Google Play notifications do alike (docs/integration.md §6): record a
// notification once, park it until its order arrives, refund the order by the store (revoke the
// entitlement, close an open case), make auto-renew follow the store's, and audit each step
// naming the notification. apply-apple.ts and apply-google.ts decide which of these a
// notification means; all of it runs inside the caller's write transaction.

export type StoreOutcome = StoreNotificationsTable['outcome'];

/** The order columns the store notifications read. */
export type StoreOrder = Pick<
  Selectable<OrdersTable>,
  'order_no' | 'member_uid' | 'plan_code' | 'paid_fen' | 'refunded_fen' | 'status' | 'open_case_no'
>;

/** A notification as first recorded: what the store said of it, before it is applied. */
export type StoreNotificationRecord = Omit<StoreNotificationsTable, 'order_no' | 'received_at' | 'outcome' | 'refunded_fen'>;

/** What applying a notification came to. */
export interface StoreResult {
  outcome: StoreOutcome;
  orderNo: string | null;
  caseNo: string | null;
}

/**
 * Records a new notification (outcome 'ignored' until applied) and applies it with `apply`; one
 * seen before (by its id) is a duplicate, answered with the outcome recorded then, and changes nothing.
 */
export async function receiveStoreNotification(
  tx: Db,
  row: StoreNotificationRecord,
  now: Date,
  apply: () => Promise<StoreResult>,
): Promise<StoreResult & { duplicate: boolean }> {
  const sdb = storeDb(tx);
  const seen = await sdb
    .selectFrom('store_notifications')
    .select(['outcome', 'order_no'])
    .where('notification_uuid', '=', row.notification_uuid)
    .executeTakeFirst();
  if (seen) return { duplicate: true, outcome: seen.outcome, orderNo: seen.order_no, caseNo: null };
  await sdb
    .insertInto('store_notifications')
    .values({ ...row, order_no: null, received_at: now.toISOString(), outcome: 'ignored', refunded_fen: null })
    .execute();
  return { duplicate: false, ...(await apply()) };
}

/** Records what applying the notification came to; returns it for the caller. */
async function markNotification(
  tx: Db,
  notificationId: string,
  outcome: StoreOutcome,
  orderNo: string | null,
  caseNo: string | null = null,
): Promise<StoreResult> {
  await storeDb(tx)
    .updateTable('store_notifications')
    .set({ outcome, order_no: orderNo })
    .where('notification_uuid', '=', notificationId)
    .execute();
  return { outcome, orderNo, caseNo };
}

/** Audits a step of a store's notification `n`, on its order or (orderNo null) on the notification. */
export type NotificationAudit<N> = (
  tx: Db,
  actor: Actor,
  n: N,
  action: string,
  orderNo: string | null,
  after: object,
  now: Date,
) => Promise<unknown>;

/**
 * The outcomes of applying one recorded notification, each marked on its record: `done` with what
 * the store's step came to, `ignore` when the console does not act on it, `park` while its order is
 * not here yet (`n` is what waits). `audit` is the store's own, here writing a step on the notification itself.
 */
export function notificationOutcomes<N>(
  tx: Db,
  record: StoreNotificationRecord,
  n: N,
  actor: Actor,
  audit: NotificationAudit<N>,
  now: Date,
) {
  const done = (outcome: StoreOutcome, orderNo: string | null, caseNo: string | null = null) =>
    markNotification(tx, record.notification_uuid, outcome, orderNo, caseNo);
  const ignore = async () => {
    await audit(tx, actor, n, 'store.notification_ignored', null, {}, now);
    return done('ignored', null);
  };
  /** Waits in ingest_parked (once per event id) until an order with `wait.key` arrives. */
  const park = async (wait: { eventId: string; key: string; reason: string; waitsFor: string }) => {
    await storeDb(tx)
      .insertInto('ingest_parked')
      .values({
        event_id: wait.eventId,
        type: `${record.store}.${record.type}`,
        waits_for: 'store_transaction',
        waits_key: wait.key,
        reason: wait.reason,
        event: JSON.stringify(n),
        occurred_at: record.signed_at,
        parked_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .execute();
    await audit(tx, actor, n, 'store.notification_parked', null, { waitsFor: wait.waitsFor }, now);
    return done('parked', null);
  };
  return { done, ignore, park };
}

/** Audits a step on the order (or, without one, on the notification itself). */
export function auditNotification(
  tx: Db,
  actor: Actor,
  e: { action: string; orderNo: string | null; notificationId: string; after: object },
  now: Date,
) {
  return recordAudit(
    tx,
    actor,
    {
      action: e.action,
      entityType: e.orderNo ? 'order' : 'store_notification',
      entityId: e.orderNo ?? e.notificationId,
      after: e.after,
    },
    now,
  );
}

const statusFor = (paid: number, refunded: number) =>
  refunded === 0 ? ('paid' as const) : refunded >= paid ? ('refunded' as const) : ('partially_refunded' as const);

/**
 * The store refunded what was paid: the order is refunded, its entitlement revoked at
 * `revokedAt`, an open case (not approved) closed as store_refunded with `note`, and the amount
 * kept on notification `notificationId` (the dashboard's store refunds, the order's store view).
 * Returns the closed case and the audit fields of order.store_refund, for the caller to write with its own.
 */
export async function refundByStore(
  tx: Db,
  actor: Actor,
  order: StoreOrder,
  notificationId: string,
  revokedAt: string,
  note: string,
  now: Date,
) {
  await storeDb(tx)
    .updateTable('store_notifications')
    .set({ refunded_fen: order.paid_fen - order.refunded_fen })
    .where('notification_uuid', '=', notificationId)
    .execute();
  await tx
    .updateTable('orders')
    .set({ refunded_fen: order.paid_fen, status: statusFor(order.paid_fen, order.paid_fen) })
    .where('order_no', '=', order.order_no)
    .execute();
  await tx.updateTable('entitlements').set({ revoked_at: revokedAt }).where('order_no', '=', order.order_no).execute();
  let closed: string | null = null;
  if (order.open_case_no) {
    const kase = await loadCase(tx, order.open_case_no);
    if (kase.status !== 'approved') {
      await applyTransition(tx, kase, 'store_refunded', actor, now, { note });
      closed = kase.case_no;
    }
  }
  const audited = {
    source: 'store',
    before: { refundedFen: order.refunded_fen, status: order.status },
    refundedFen: order.paid_fen,
    amountFen: order.paid_fen - order.refunded_fen,
    entitlementRevokedAt: revokedAt,
    caseClosed: closed ?? undefined,
  };
  return { closed, audited };
}

/** The member's subscription to the order's plan takes `row` (created when there is none); returns the status before. */
export async function followStoreRenewal(
  tx: Db,
  order: StoreOrder,
  row:
    | { status: 'active'; cancelled_at: null; cancelled_by: null }
    | { status: 'cancelled'; cancelled_at: string; cancelled_by: string; next_charge_at: null },
  now: Date,
) {
  const held = await tx
    .selectFrom('subscriptions')
    .select(['id', 'status'])
    .where('member_uid', '=', order.member_uid)
    .where('plan_code', '=', order.plan_code)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (held) await tx.updateTable('subscriptions').set(row).where('id', '=', held.id).execute();
  else
    await tx
      .insertInto('subscriptions')
      .values({ member_uid: order.member_uid, plan_code: order.plan_code, started_at: now.toISOString(), next_charge_at: null, ...row })
      .execute();
  return held?.status ?? null;
}
