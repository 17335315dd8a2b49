import type { Generated, Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Db } from '../db/client';
import type { IngestTables } from '../integration/ingest-schema';

// The stores' own tables (migration 2026-12-06T13-store-purchases), joined to the shared schema
// with Kysely's withTables as the ingest's are.

export interface StoreNotificationsTable {
  /** Apple's notificationUUID; for Google Play `google:<Pub/Sub messageId>` */
  notification_uuid: string;
  store: 'apple' | 'google';
  type: string;
  subtype: string | null;
  transaction_id: string | null;
  original_transaction_id: string | null;
  order_no: string | null;
  signed_at: string;
  received_at: string;
  /** applied; parked (waiting in ingest_parked for its order); stale (nothing to do any more); ignored (a type the console does not act on) */
  outcome: 'applied' | 'parked' | 'stale' | 'ignored';
  /** what this notification refunded by the store (the order's paid amount less what was refunded before), else null */
  refunded_fen: number | null;
}

export type RefundPreference = 'GRANT_FULL' | 'GRANT_PRORATED' | 'DECLINE';
export type DeliveryStatus = 'DELIVERED' | 'UNDELIVERED_OTHER';

export interface StoreRequestsTable {
  id: Generated<number>;
  case_no: string;
  order_no: string;
  store: 'apple';
  kind: 'consumption_request';
  notification_uuid: string;
  transaction_id: string;
  received_at: string;
  respond_by: string;
  consumption_percentage: number;
  delivery_status: DeliveryStatus;
  refund_preference: RefundPreference;
  sent_at: string | null;
  /** the agent's username, or 'auto' (APPLE_CONSUMPTION_AUTO_SEND) */
  sent_by: string | null;
  last_error: string | null;
}

export type StoreTables = IngestTables & {
  store_notifications: StoreNotificationsTable;
  store_requests: StoreRequestsTable;
};

export type StoreDb = Kysely<DB & StoreTables>;

export function storeDb(db: Db): StoreDb {
  return db.withTables<StoreTables>();
}
