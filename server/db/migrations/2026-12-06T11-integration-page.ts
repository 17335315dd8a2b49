import { sql, type Kysely } from 'kysely';
import { serialKey } from './portable';

// What the integration page reads (issue 19, docs/integration.md §5), kept in the database so
// every server on it sees the same figures:
// - ingest_minutes: per UTC minute ('YYYY-MM-DDTHH:MM') and event type, the events accepted, the
//   duplicates (replays, which ingest_events does not keep) and those parked on arrival; written
//   in the batch's own transaction, rows older than 7 days pruned by the ingest. Backfilled here
//   from ingest_events (duplicates before this migration were not counted anywhere).
// - ingest_refusals: refused batches of POST /api/v1/events (400, 401, 409, 413, 415), aggregated
//   per minute, status and kind of refusal: how many batches, the latest reason (the answer's
//   message: never a body, never personal data), the events they held when they could be counted
//   and the latest batch's event ids when they could be read (signed batches only). At most
//   REFUSALS_PER_MINUTE_CAP batches are counted per row (beyond, nothing is written: a flood of
//   bad requests costs reads, not writes), and only the newest REFUSAL_ROWS_KEPT rows are kept
//   (server/integration/record-refusal.ts).
// - ingest_parked_age: an index to page parked events oldest first; outbox_created: the message
//   service's health counts the last hour's and day's messages.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ingest_minutes')
    .addColumn('minute', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('parked', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('ingest_minutes_pk', ['minute', 'type'])
    .execute();
  await sql`
    insert into ingest_minutes (minute, type, accepted, duplicates, parked)
    select substr(received_at, 1, 16), type, count(*), 0, sum(case when outcome = 'parked' then 1 else 0 end)
    from ingest_events group by 1, 2`.execute(db);
  await db.schema
    .createTable('ingest_refusals')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('minute', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('batches', 'integer', (c) => c.notNull())
    .addColumn('events', 'integer')
    .addColumn('event_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ingest_refusals_key').unique().on('ingest_refusals').columns(['minute', 'status', 'kind']).execute();
  await db.schema.createIndex('ingest_refusals_last').on('ingest_refusals').columns(['last_at']).execute();
  await db.schema.createIndex('ingest_parked_age').on('ingest_parked').columns(['parked_at', 'event_id']).execute();
  await db.schema.createIndex('outbox_created').on('outbox').columns(['created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_created').ifExists().execute();
  await db.schema.dropIndex('ingest_parked_age').ifExists().execute();
  await db.schema.dropTable('ingest_refusals').ifExists().execute();
  await db.schema.dropTable('ingest_minutes').ifExists().execute();
}
