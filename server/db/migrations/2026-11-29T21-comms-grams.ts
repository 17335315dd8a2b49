import { Kysely, sql } from 'kysely';
import { isPostgres, withoutRowid } from './portable';

// Frozen in time: this migration imports nothing from the app.
//
// 1–2 character searches of communications (误购, 退款: most Chinese words) cannot use the
// trigram index and scanned every body with LIKE. communication_grams holds every distinct
// 1- and 2-character fragment of each lowercased body (by code point, whitespace left out),
// keyed by (gram, at_ms, comm_id), at_ms being the message's created_at in epoch milliseconds
// (the same order as the ISO text, in a quarter of the bytes): a search walks one gram's rows
// newest first and stops after a page, and a case's or member's messages probe their gram by
// primary key. Triggers keep it in step with the table, so every writer (the console, the
// seed) fills it.

/** created_at as epoch milliseconds: exact (SQLite keeps times as integer ms), 0 if unreadable. */
const atMs = (createdAt: string) => `coalesce(cast(round(unixepoch(${createdAt}, 'subsec') * 1000) as integer), 0)`;

// Measured: the gram rows of a message cost well under a millisecond to write, most of it the
// b-tree. No DISTINCT on the insert path (a temporary b-tree per message, many times the cost):
// repeats are dropped by `insert or ignore` on the primary key instead.
const WHITESPACE = `'*[' || char(32, 9, 10, 13, 12288) || ']*'`;

/** Where the k.n characters of a body at p.i make a gram: inside the body, no whitespace. */
function isGram(body: string): string {
  return `p.i + k.n - 1 <= length(${body}) and substr(${body}, p.i, k.n) not glob ${WHITESPACE}`;
}

const LENGTHS = '(select 1 as n union all select 2) as k';

/** The grams of one body, as (gram) rows, repeats included: a subquery usable inside a trigger. */
function gramsOf(body: string): string {
  return `select lower(substr(${body}, p.i, k.n)) as gram
    from (with recursive pos(i) as (select 1 union all select i + 1 from pos where i < length(${body})) select i from pos) as p, ${LENGTHS}
    where ${isGram(body)}`;
}

const insertGrams = (row: string) =>
  `insert or ignore into communication_grams (gram, at_ms, comm_id)
    select g.gram, ${atMs(`${row}.created_at`)}, ${row}.id from (${gramsOf(`${row}.body`)}) as g`;

const deleteGrams = (row: string) =>
  `delete from communication_grams
    where at_ms = ${atMs(`${row}.created_at`)} and comm_id = ${row}.id and gram in (${gramsOf(`${row}.body`)})`;

// PostgreSQL: the same table, kept by plpgsql triggers. Positions come from generate_series,
// whitespace is the same five characters (a regular expression instead of GLOB), and at_ms is
// computed by refund_desk_at_ms(), which answers 0 for an unreadable time as SQLite's does.
const PG_WHITESPACE = `'[ \t\n\r\u3000]'`;

const pgGramsOf = (row: string) => `select lower(substr(${row}.body, p.i, k.n)) as gram
    from generate_series(1, char_length(${row}.body)) as p(i), (values (1), (2)) as k(n)
    where p.i + k.n - 1 <= char_length(${row}.body) and substr(${row}.body, p.i, k.n) !~ ${PG_WHITESPACE}`;

async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`create function refund_desk_at_ms(at text) returns bigint language plpgsql stable as $$
    begin return round(extract(epoch from at::timestamptz) * 1000)::bigint;
    exception when others then return 0; end $$`.execute(db);
  await sql
    .raw(
      `insert into communication_grams (gram, at_ms, comm_id)
      select g.gram, refund_desk_at_ms(c.created_at), c.id from communications c, lateral (${pgGramsOf('c')}) as g
      on conflict do nothing`,
    )
    .execute(db);
  const insert = `insert into communication_grams (gram, at_ms, comm_id)
      select g.gram, refund_desk_at_ms(new.created_at), new.id from (${pgGramsOf('new')}) as g on conflict do nothing`;
  const remove = `delete from communication_grams
      where at_ms = refund_desk_at_ms(old.created_at) and comm_id = old.id and gram in (${pgGramsOf('old')})`;
  await sql
    .raw(
      `create function communication_grams_insert() returns trigger language plpgsql as $$
      begin ${insert}; return null; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function communication_grams_delete() returns trigger language plpgsql as $$
      begin ${remove}; return null; end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function communication_grams_update() returns trigger language plpgsql as $$
      begin ${remove}; ${insert}; return null; end $$`,
    )
    .execute(db);
  await sql`create trigger communication_grams_insert after insert on communications
    for each row execute function communication_grams_insert()`.execute(db);
  await sql`create trigger communication_grams_delete after delete on communications
    for each row execute function communication_grams_delete()`.execute(db);
  await sql`create trigger communication_grams_update after update of body, created_at on communications
    for each row execute function communication_grams_update()`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('communication_grams')
    .addColumn('gram', 'text', (c) => c.notNull())
    .addColumn('at_ms', isPostgres(db) ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('comm_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('communication_grams_pk', ['gram', 'at_ms', 'comm_id'])
    .modifyEnd(withoutRowid(db))
    .execute();
  if (isPostgres(db)) {
    await upPostgres(db);
    await db.schema.createIndex('comms_author').on('communications').columns(['author_id', 'created_at']).execute();
    return;
  }
  // The rows already there (SQLite has no lateral join: one list of positions for all bodies).
  await sql
    .raw(
      `insert or ignore into communication_grams (gram, at_ms, comm_id)
      with recursive pos(i) as (select 1 union all select i + 1 from pos where i < (select max(length(body)) from communications))
      select lower(substr(c.body, p.i, k.n)), ${atMs('c.created_at')}, c.id
      from communications c join pos as p on p.i <= length(c.body), ${LENGTHS}
      where ${isGram('c.body')}`,
    )
    .execute(db);
  await sql.raw(`create trigger communication_grams_insert after insert on communications begin ${insertGrams('new')}; end`).execute(db);
  await sql.raw(`create trigger communication_grams_delete after delete on communications begin ${deleteGrams('old')}; end`).execute(db);
  await sql
    .raw(
      `create trigger communication_grams_update after update of body, created_at on communications begin
      ${deleteGrams('old')}; ${insertGrams('new')}; end`,
    )
    .execute(db);

  // The author filter of the communications screen, newest first.
  await db.schema.createIndex('comms_author').on('communications').columns(['author_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comms_author').ifExists().execute();
  for (const t of ['communication_grams_insert', 'communication_grams_delete', 'communication_grams_update']) {
    await sql.raw(isPostgres(db) ? `drop trigger if exists ${t} on communications` : `drop trigger if exists ${t}`).execute(db);
    if (isPostgres(db)) await sql.raw(`drop function if exists ${t}()`).execute(db);
  }
  if (isPostgres(db)) await sql`drop function if exists refund_desk_at_ms(text)`.execute(db);
  await db.schema.dropTable('communication_grams').ifExists().execute();
}
