import { sql } from 'kysely';
import type { Db } from '../../server/db/client';
import { engineOf } from '../../server/db/engine';

/**
 * Tables left out of a snapshot: sessions (signing in is not what is under test), the migration
 * bookkeeping, and the search indexes (SQLite's FTS5 tables and their shadow tables; on
 * PostgreSQL `member_name_fts` is a plain table kept in step with members, left out alike so both
 * engines compare the same tables).
 */
const LEFT_OUT = ['sessions', 'kysely_migration', 'kysely_migration_lock'];

/** The names of the database's own tables (not views), through the engine's catalogue. */
export async function tableNames(db: Db): Promise<string[]> {
  const { rows } =
    engineOf(db) === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  return rows.map((r) => r.name).filter((name) => !LEFT_OUT.includes(name) && !name.includes('_fts'));
}

/**
 * Row counts of every table (but those in LEFT_OUT), on either engine, in one query: a request
 * that is refused writes nothing, so the snapshot after it equals the one before.
 */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const names = await tableNames(db);
  const { rows } = await sql<{ name: string; n: number | string }>`${sql.join(
    names.map((name) => sql`select cast(${name} as text) as name, count(*) as n from ${sql.table(name)}`),
    sql` union all `,
  )}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}
