import { sql, type Kysely } from 'kysely';
import { isPostgres } from './portable';

// Google Play (issue 20, docs/integration.md §6):
// - orders.payment_channel accepts 'google_play'. The channel is a CHECK constraint; PostgreSQL
//   drops and adds it, SQLite cannot change a constraint in place, so the orders table is rebuilt
//   the documented way (https://sqlite.org/lang_altertable.html#otheralter): foreign keys off, a
//   new table from the old one's own SQL with the new list, rows copied, the old table dropped,
//   the new one renamed, the old indexes made again from their own SQL, foreign keys checked.
// - orders.purchase_token: a Google Play order's purchase token (a subscription's renewals share
//   it), the key a subscriptionNotification names; its orderId is the order's transaction_id.
const OLD = `payment_channel in ('alipay','wechat_pay','bank_card','apple_iap','bcoin')`;
const NEW = `payment_channel in ('alipay','wechat_pay','bank_card','apple_iap','bcoin','google_play')`;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table orders drop constraint orders_payment_channel_check`.execute(db);
    await sql`alter table orders add constraint orders_payment_channel_check check (${sql.raw(NEW)})`.execute(db);
  } else {
    await rebuildOrders(db, OLD, NEW);
  }
  await db.schema.alterTable('orders').addColumn('purchase_token', 'text').execute();
  await db.schema
    .createIndex('orders_purchase_token')
    .on('orders')
    .columns(['purchase_token', 'sort_at'])
    .where(sql.ref('purchase_token'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_purchase_token').execute();
  await db.schema.alterTable('orders').dropColumn('purchase_token').execute();
  if (isPostgres(db)) {
    await sql`alter table orders drop constraint orders_payment_channel_check`.execute(db);
    await sql`alter table orders add constraint orders_payment_channel_check check (${sql.raw(OLD)})`.execute(db);
  } else {
    await rebuildOrders(db, NEW, OLD);
  }
}

/** SQLite: the orders table made again with one piece of its definition replaced. */
async function rebuildOrders(db: Kysely<any>, from: string, to: string): Promise<void> {
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'orders'`.execute(db);
  const definition = table.rows[0]?.sql ?? '';
  if (!definition.includes(from)) throw new Error(`orders: the payment channel constraint is not ${from}`);
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_master where tbl_name = 'orders' and type in ('index', 'trigger') and sql is not null`.execute(db);
  const columns = await sql<{ name: string; hidden: number }>`select name, hidden from pragma_table_xinfo('orders')`.execute(db);
  // generated columns (sort_at) are computed, never copied
  const copied = columns.rows
    .filter((c) => c.hidden === 0)
    .map((c) => `"${c.name}"`)
    .join(', ');
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      await sql.raw(definition.replace(/^CREATE TABLE "?orders"?/i, 'create table "orders_rebuilt"').replace(from, to)).execute(tx);
      await sql.raw(`insert into "orders_rebuilt" (${copied}) select ${copied} from "orders"`).execute(tx);
      await sql`drop table orders`.execute(tx);
      await sql`alter table orders_rebuilt rename to orders`.execute(tx);
      for (const index of indexes.rows) await sql.raw(index.sql).execute(tx);
      const broken = await sql`pragma foreign_key_check`.execute(tx);
      if (broken.rows.length > 0) throw new Error(`orders rebuild: ${broken.rows.length} foreign keys broken`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
