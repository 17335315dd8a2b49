import { Kysely, sql } from 'kysely';
import { isPostgres } from './portable';

// Full-text search over communications in any script: a trigram index finds 3+ character
// fragments; 1–2 character queries scan the (much smaller) communications table instead.
// On PostgreSQL the trigram index is pg_trgm's GIN index on the body itself (it serves ILIKE).
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index communications_body_trgm on communications using gin (body gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table communications_fts using fts5(body, content='communications', content_rowid='id', tokenize='trigram')`.execute(
    db,
  );
  await sql`insert into communications_fts(rowid, body) select id, body from communications`.execute(db);
  await sql`create trigger communications_fts_insert after insert on communications begin
    insert into communications_fts(rowid, body) values (new.id, new.body); end`.execute(db);
  await sql`create trigger communications_fts_delete after delete on communications begin
    insert into communications_fts(communications_fts, rowid, body) values ('delete', old.id, old.body); end`.execute(db);
  await sql`create trigger communications_fts_update after update of body on communications begin
    insert into communications_fts(communications_fts, rowid, body) values ('delete', old.id, old.body);
    insert into communications_fts(rowid, body) values (new.id, new.body); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index if exists communications_body_trgm`.execute(db);
    return;
  }
  await sql`drop trigger if exists communications_fts_insert`.execute(db);
  await sql`drop trigger if exists communications_fts_delete`.execute(db);
  await sql`drop trigger if exists communications_fts_update`.execute(db);
  await sql`drop table if exists communications_fts`.execute(db);
}
