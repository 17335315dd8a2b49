import { sql, type Kysely } from 'kysely';
import { isPostgres, withoutRowid } from './portable';

// PII lookups (issue 15): a search by a full phone number or e-mail is a lookup, limited per staff
// member to `pii_lookup_limit` distinct values in `pii_lookup_window_minutes` (settings, 30 in 10
// by default). The counters live here, not in a server's memory, so servers sharing the database
// share them.
// - pii_lookups: one row per staff member and value looked up (a SHA-256 of the value, never the
//   value), with the last time; rows older than the window are deleted as new lookups come in.
// - pii_lookup_alerts: when each staff member last raised a `security.lookup_limit` alert, so one
//   window raises one alert, not one per refused search.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pii_lookups')
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('looked_up_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pii_lookups_pk', ['staff_id', 'key_hash'])
    .modifyEnd(withoutRowid(db))
    .execute();
  await db.schema.createIndex('pii_lookups_recent').on('pii_lookups').columns(['staff_id', 'looked_up_at']).execute();
  await db.schema
    .createTable('pii_lookup_alerts')
    .addColumn('staff_id', 'integer', (c) => c.primaryKey().references('staff.id'))
    .addColumn('alerted_at', 'text', (c) => c.notNull())
    .execute();
  if (isPostgres(db)) {
    await sql`insert into settings (key, value) values ('pii_lookup_limit', '30'), ('pii_lookup_window_minutes', '10') on conflict do nothing`.execute(
      db,
    );
  } else {
    await sql`insert or ignore into settings (key, value) values ('pii_lookup_limit', '30'), ('pii_lookup_window_minutes', '10')`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from settings where key in ('pii_lookup_limit', 'pii_lookup_window_minutes')`.execute(db);
  await db.schema.dropTable('pii_lookup_alerts').ifExists().execute();
  await db.schema.dropTable('pii_lookups').ifExists().execute();
}
