// Copies a SQLite database of the console into a freshly migrated PostgreSQL database of the same
// schema version: how the demo seed reaches PostgreSQL (server/seed/seed-postgres.ts), and how a
// team moving off one machine takes its SQLite file along. One transaction: on failure nothing
// is left half-copied.
//
// Fast at millions of rows: each table goes over in batches of one INSERT … SELECT FROM unnest()
// with one array parameter per column (a few statements per 10,000 rows, no per-row parsing);
// the secondary indexes and the foreign keys are dropped for the load and made again from their
// own definitions afterwards (one sorted build each, and re-adding a foreign key checks every
// row once, so the copy is also an integrity check).
import type Database from 'better-sqlite3';
import type pg from 'pg';

/** Tables PostgreSQL's triggers fill from another table (migrations 2026-11-29T21): never copied. */
const FILLED_BY_TRIGGERS = new Set(['communication_grams']);
const NOT_COPIED = new Set(['kysely_migration', 'kysely_migration_lock']);
const BATCH_ROWS = 10_000;

interface Column {
  name: string;
  type: string;
  identity: boolean;
}

export interface CopySummary {
  rows: Record<string, number>;
  ms: number;
}

/** What a long copy reports as it goes (npm run db:to-postgres prints it). */
export interface CopyProgress {
  /** rows of `table` copied so far; `done` once the table is complete */
  rows?: (table: string, rows: number, done: boolean) => void;
  /** a step of its own between tables: dropping or re-creating indexes and foreign keys, ANALYZE */
  step?: (what: string) => void;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function copySqliteToPostgres(
  sqlite: Database.Database,
  client: pg.ClientBase,
  progress: CopyProgress = {},
): Promise<CopySummary> {
  const started = performance.now();
  const columns = await tableColumns(client);
  const inSqlite = new Set(
    (sqlite.prepare("select name from sqlite_master where type in ('table', 'view')").all() as { name: string }[]).map((t) => t.name),
  );
  const tables = [...columns.keys()].filter((t) => !NOT_COPIED.has(t) && !FILLED_BY_TRIGGERS.has(t) && inSqlite.has(t));
  const rows: Record<string, number> = {};
  // SQLite's AUTOINCREMENT never hands out an id again, even one whose row was deleted (a reply
  // template removed, a sign-in attempt cleared): PostgreSQL's numbering starts past those too
  const issued = new Map<string, number>(
    inSqlite.has('sqlite_sequence') ? (sqlite.prepare('select name, seq from sqlite_sequence').raw(true).all() as [string, number][]) : [],
  );

  await client.query('begin');
  try {
    const foreignKeys = (
      await client.query<{ table: string; name: string; def: string }>(
        `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def
         from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
      )
    ).rows;
    const indexes = (
      await client.query<{ name: string; def: string }>(
        `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
         from pg_index i join pg_class t on t.oid = i.indrelid
         where t.relnamespace = 'public'::regnamespace and t.relname = any($1)
           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
        [tables],
      )
    ).rows;
    progress.step?.(`dropping ${indexes.length} indexes and ${foreignKeys.length} foreign keys for the load`);
    for (const fk of foreignKeys) await client.query(`alter table ${fk.table} drop constraint ${quote(fk.name)}`);
    for (const index of indexes) await client.query(`drop index ${index.name}`);

    for (const table of tables) {
      const cols = columns.get(table)!;
      // rows the migrations put there (settings) are in the SQLite file too: the file's are kept
      await client.query(`delete from ${quote(table)}`);
      rows[table] = await copyTable(sqlite, client, table, cols, (n) => progress.rows?.(table, n, false));
      progress.rows?.(table, rows[table], true);
      for (const c of cols.filter((col) => col.identity)) {
        await client.query(
          `select setval(pg_get_serial_sequence($1, $2),
             greatest(coalesce((select max(${quote(c.name)}) from ${quote(table)}), 0), $3::bigint) + 1, false)`,
          [table, c.name, issued.get(table) ?? 0],
        );
      }
    }

    progress.step?.(`re-creating ${indexes.length} indexes`);
    for (const index of indexes) await client.query(index.def);
    progress.step?.(`re-adding ${foreignKeys.length} foreign keys (checks every row)`);
    for (const fk of foreignKeys) await client.query(`alter table ${fk.table} add constraint ${quote(fk.name)} ${fk.def}`);
    await client.query('commit');
    progress.step?.('committed');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
  progress.step?.('ANALYZE');
  await client.query('analyze');
  progress.step?.('analyzed');
  return { rows, ms: Math.round(performance.now() - started) };
}

/** The public tables' columns that take values (a generated column is computed again). */
async function tableColumns(client: pg.ClientBase): Promise<Map<string, Column[]>> {
  const result = await client.query<{ table_name: string; column_name: string; udt_name: string; is_identity: string }>(
    `select table_name, column_name, udt_name, is_identity from information_schema.columns
     where table_schema = 'public' and is_generated = 'NEVER'
       and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')
     order by table_name, ordinal_position`,
  );
  const tables = new Map<string, Column[]>();
  for (const r of result.rows) {
    const list = tables.get(r.table_name) ?? [];
    list.push({ name: r.column_name, type: r.udt_name, identity: r.is_identity === 'YES' });
    tables.set(r.table_name, list);
  }
  return tables;
}

async function copyTable(
  sqlite: Database.Database,
  client: pg.ClientBase,
  table: string,
  cols: Column[],
  onBatch: (rows: number) => void,
): Promise<number> {
  const names = cols.map((c) => quote(c.name)).join(', ');
  const insert = `insert into ${quote(table)} (${names}) select * from unnest(${cols.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')})`;
  const read = sqlite.prepare(`select ${names} from ${quote(table)}`).raw(true);
  let batch: unknown[][] = cols.map(() => []);
  let inBatch = 0;
  let total = 0;
  const flush = async () => {
    if (inBatch === 0) return;
    await client.query(insert, batch);
    total += inBatch;
    onBatch(total);
    batch = cols.map(() => []);
    inBatch = 0;
  };
  for (const row of read.iterate() as IterableIterator<unknown[]>) {
    for (let i = 0; i < row.length; i++) batch[i]!.push(row[i]);
    if (++inBatch === BATCH_ROWS) await flush();
  }
  await flush();
  return total;
}
