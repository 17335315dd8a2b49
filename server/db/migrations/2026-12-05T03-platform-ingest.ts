import { type Kysely } from 'kysely';

// Facts in from the platform (issue 19, docs/integration.md §1). All the ingest's state lives in
// the database, none in a server's memory:
// - ingest_events: every event id ever accepted, with a SHA-256 of its body (a replay is a
//   duplicate; the same id with another body is refused), when it came, in which batch, and
//   what it did (applied, parked, stale: older than what the console already holds).
// - ingest_parked: events naming an order, member, plan, refund or message not known yet, with
//   the reason; applied (and deleted from here) when what they wait for arrives.
// - ingest_versions: per entity and kind of fact, the (occurredAt, event id) of the fact the
//   console holds, so an older fact never overwrites a newer one.
// - ingest_order_drafts: `order.created` facts (an order pending payment: the orders table has no
//   such status), used when the order's payment or failure arrives.
// - member_consents: `member.consent` (whether usage may be shared with an app store).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ingest_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('body_sha256', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ingest_events_received').on('ingest_events').columns(['received_at', 'type']).execute();
  await db.schema
    .createTable('ingest_parked')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('waits_for', 'text', (c) => c.notNull())
    .addColumn('waits_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('parked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ingest_parked_waits').on('ingest_parked').columns(['waits_for', 'waits_key']).execute();
  await db.schema
    .createTable('ingest_versions')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ingest_versions_pk', ['entity', 'key'])
    .execute();
  await db.schema
    .createTable('ingest_order_drafts')
    .addColumn('order_no', 'text', (c) => c.primaryKey())
    .addColumn('member_uid', 'text', (c) => c.notNull())
    .addColumn('plan_code', 'text', (c) => c.notNull())
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('payment_channel', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('member_consents')
    .addColumn('member_uid', 'text', (c) => c.primaryKey().references('members.uid'))
    .addColumn('store_consumption_data', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['member_consents', 'ingest_order_drafts', 'ingest_versions', 'ingest_parked', 'ingest_events'])
    await db.schema.dropTable(t).ifExists().execute();
}
