import { sql, type Kysely } from 'kysely';

// Outbound services over HTTP (issue 19, docs/integration.md §2–§3): one circuit breaker per
// service the console calls (`payment_gateway`, `message_service`). The state lives here, not in
// a server's memory, so servers sharing the database share it: when one finds the gateway dead,
// the others stop making agents wait on it too.
// - state: `closed` (calls go out), `open` (calls are refused at once until `opened_at` + the
//   cool-down), `half_open` (one trial call is out; its outcome closes or reopens the breaker)
// - failures: failed calls in a row; `last_error` the last one's reason (no personal data)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbound_breakers')
    .addColumn('service', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('closed','open','half_open')`))
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbound_breakers').ifExists().execute();
}
