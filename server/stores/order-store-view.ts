import { apiShape } from '../api-shape';
import type { Db } from '../db/client';
import { literal } from '../db/literal-limit';
import { storeDb } from './store-schema';

// The store's view of an App Store or Google Play order (orders.get `store`, docs/api.md): what
// the store's notifications on it came to — its refund status as the store sees it — and the
// consumption answers asked of the console and sent to Apple, with their values.

const SHOWN = 50;

export type StoreRefundStatus = 'none' | 'requested' | 'refunded' | 'declined' | 'reversed';

/** null for an order paid through neither store. */
export async function orderStoreView(db: Db, orderNo: string, paymentChannel: string) {
  const store: 'apple' | 'google' | null = paymentChannel === 'apple_iap' ? 'apple' : paymentChannel === 'google_play' ? 'google' : null;
  if (!store) return null;
  const sdb = storeDb(db);
  const [notifications, requests] = await Promise.all([
    sdb
      .selectFrom('store_notifications')
      .select(['notification_uuid', 'type', 'subtype', 'outcome', 'signed_at', 'received_at', 'refunded_fen'])
      .where('order_no', '=', orderNo)
      .orderBy('received_at', 'desc')
      .orderBy('notification_uuid', 'desc')
      .limit(literal(SHOWN))
      .execute(),
    sdb
      .selectFrom('store_requests')
      .select([
        'case_no',
        'received_at',
        'respond_by',
        'consumption_percentage',
        'delivery_status',
        'refund_preference',
        'sent_at',
        'sent_by',
        'last_error',
      ])
      .where('order_no', '=', orderNo)
      .orderBy('id', 'desc')
      .limit(literal(SHOWN))
      .execute(),
  ]);
  return {
    store,
    ...refundStatus(notifications),
    notifications: notifications.map((n) => ({
      id: n.notification_uuid,
      type: n.type,
      subtype: n.subtype,
      outcome: n.outcome,
      signedAt: n.signed_at,
      receivedAt: n.received_at,
      refundedFen: n.outcome === 'applied' ? n.refunded_fen : null,
    })),
    consumptionAnswers: requests.map((r) => apiShape(r)), // each selected column under its API name
  };
}

type Row = { type: string; outcome: string; signed_at: string; refunded_fen: number | null };

/**
 * The refund as the store sees it, from its notifications in the store's own time order: asked
 * (Apple's consumption request), refunded (by the store, or Google's void of the console's own
 * refund: storeRefundedFen null), declined, or reversed (a REFUND_REVERSED after the REFUND).
 */
function refundStatus(newestFirst: Row[]): {
  refundStatus: StoreRefundStatus;
  refundStatusAt: string | null;
  storeRefundedFen: number | null;
} {
  let status: StoreRefundStatus = 'none';
  let at: string | null = null;
  let fen: number | null = null;
  const set = (s: StoreRefundStatus, n: Row, refunded: number | null = null) => {
    status = s;
    at = n.signed_at;
    fen = refunded;
  };
  const inStoreOrder = [...newestFirst].sort((a, b) => (a.signed_at < b.signed_at ? -1 : a.signed_at > b.signed_at ? 1 : 0));
  for (const n of inStoreOrder) {
    const applied = n.outcome === 'applied';
    // a reversed refund's notification is 'stale', and so is Google's void of a refund the
    // console had settled already: the store refunded all the same
    if ((n.type === 'REFUND' || n.type === 'voidedPurchaseNotification') && (applied || n.outcome === 'stale'))
      set('refunded', n, applied ? n.refunded_fen : null);
    if (!applied) continue;
    if (n.type === 'CONSUMPTION_REQUEST') set('requested', n);
    else if (n.type === 'REFUND_DECLINED') set('declined', n);
    else if (n.type === 'REFUND_REVERSED') set('reversed', n);
  }
  return { refundStatus: status, refundStatusAt: at, storeRefundedFen: fen };
}
