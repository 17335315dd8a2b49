import { sql, type Kysely } from 'kysely';

// The store's view of an order and the store refunds on the dashboard (issue 20):
// - store_notifications.refunded_fen: what this notification refunded by the store (Apple's
//   REFUND, Google's void of an order the console did not refund), null for any other; a
//   reversed refund's notification turns 'stale' and stops counting. Filled for what is in: an
//   applied Apple REFUND refunded what was paid; an applied Google void did too unless it settled
//   the console's own refund (gateway_ref 'play-void:<orderId>').
// - indexes to read an order's notifications and store requests, and the store refunds by time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('store_notifications').addColumn('refunded_fen', 'integer').execute();
  await sql`
    update store_notifications set refunded_fen = (select o.paid_fen from orders o where o.order_no = store_notifications.order_no)
    where outcome = 'applied' and order_no is not null
      and (type = 'REFUND'
        or (type = 'voidedPurchaseNotification' and not exists (
          select 1 from refunds f where f.order_no = store_notifications.order_no and f.gateway_ref = 'play-void:' || store_notifications.transaction_id)))`.execute(
    db,
  );
  await db.schema.createIndex('store_notifications_order').on('store_notifications').columns(['order_no', 'received_at']).execute();
  await db.schema
    .createIndex('store_notifications_refunds')
    .on('store_notifications')
    .columns(['signed_at'])
    .where(sql.ref('refunded_fen'), 'is not', null)
    .execute();
  await db.schema.createIndex('store_requests_order').on('store_requests').columns(['order_no', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('store_requests_order').execute();
  await db.schema.dropIndex('store_notifications_refunds').execute();
  await db.schema.dropIndex('store_notifications_order').execute();
  await db.schema.alterTable('store_notifications').dropColumn('refunded_fen').execute();
}
