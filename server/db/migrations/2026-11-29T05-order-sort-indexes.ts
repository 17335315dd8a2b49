import type { Kysely } from 'kysely';

// Sorting a filtered order search by amount: each equality filter gets an index ending in
// (paid_fen, order_no), as it already has one ending in sort_at, so a page of "paid by bank
// card, largest first" reads 50 index entries instead of sorting every bank-card order.
// test/api/query-plans.test.ts checks the plans.
const FILTER_COLUMNS = ['status', 'plan_code', 'payment_channel', 'platform'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of FILTER_COLUMNS) {
    await db.schema.createIndex(`orders_${column}_paid_fen`).on('orders').columns([column, 'paid_fen', 'order_no']).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of FILTER_COLUMNS) {
    await db.schema.dropIndex(`orders_${column}_paid_fen`).execute();
  }
}
