import { sql, type Kysely } from 'kysely';
import { serialKey } from './portable';

// Store purchases (issue 20, docs/integration.md §6), Apple first:
// - store_notifications: every App Store notification accepted, by its notificationUUID (a replay
//   changes nothing), what it named and what it did (applied, parked: its transaction is not
//   known yet — the notification then waits in ingest_parked like a platform event —, ignored).
// - store_requests: a store's question on a case (Apple's CONSUMPTION_REQUEST), the answer the
//   console computed, and when and by whom it was sent.
// - member_consents gains who recorded a consent: the platform's event, or an agent writing down
//   the member's spoken consent.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('store_notifications')
    .addColumn('notification_uuid', 'text', (c) => c.primaryKey())
    .addColumn('store', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subtype', 'text')
    .addColumn('transaction_id', 'text')
    .addColumn('original_transaction_id', 'text')
    .addColumn('order_no', 'text')
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('store_requests')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('case_no', 'text', (c) => c.notNull().references('refund_cases.case_no'))
    .addColumn('order_no', 'text', (c) => c.notNull().references('orders.order_no'))
    .addColumn('store', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('notification_uuid', 'text', (c) => c.notNull().unique())
    .addColumn('transaction_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('respond_by', 'text', (c) => c.notNull())
    .addColumn('consumption_percentage', 'integer', (c) => c.notNull().check(sql`consumption_percentage between 0 and 100000`))
    .addColumn('delivery_status', 'text', (c) => c.notNull())
    .addColumn('refund_preference', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('sent_by', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('store_requests_case').on('store_requests').columns(['case_no', 'id']).execute();
  await db.schema.createIndex('store_requests_waiting').on('store_requests').columns(['sent_at', 'respond_by']).execute();
  await db.schema
    .alterTable('member_consents')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('platform'))
    .execute();
  await db.schema.alterTable('member_consents').addColumn('recorded_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('member_consents').dropColumn('recorded_by').execute();
  await db.schema.alterTable('member_consents').dropColumn('source').execute();
  await db.schema.dropTable('store_requests').ifExists().execute();
  await db.schema.dropTable('store_notifications').ifExists().execute();
}
