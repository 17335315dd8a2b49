import { sql } from 'kysely';
import type { TestWorld } from '../../support/test-db';

// Database faults a test world's database is put into, on either engine (test/support/test-db.ts
// gives a SQLite file or, under `npm run test:pg`, a PostgreSQL database).

/** Every table's row count (SQLite's FTS shadow tables included): equal snapshots mean nothing was written. */
export async function snapshot(world: TestWorld): Promise<Record<string, number>> {
  const db = world.deps.db;
  const tables = (await db.introspection.getTables()).filter((t) => !t.isView).map((t) => t.name);
  const counts: Record<string, number> = {};
  for (const t of tables.sort()) {
    const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    counts[t] = Number(row.rows[0]!.n);
  }
  return counts;
}

/**
 * The disk is full from now on (until `free()`). SQLite: max_page_count pinned at the file's
 * size after a VACUUM, so a write that needs a new page fails with SQLITE_FULL where a real full
 * disk would. PostgreSQL: no write of a row can get space — every INSERT into any table is
 * refused with SQLSTATE 53100 (disk_full), as PostgreSQL refuses a write it cannot extend a
 * file for (a statement trigger on each table stands in for the disk).
 */
export async function fillDisk(world: TestWorld): Promise<{ free: () => Promise<void> }> {
  const db = world.deps.db;
  if (!world.databaseUrl) {
    const sqlite = world.database.sqlite;
    const max = Number(sqlite.pragma('max_page_count', { simple: true }));
    sqlite.exec('vacuum'); // no free pages left inside the file either
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`);
    return {
      free: async () => {
        sqlite.pragma(`max_page_count = ${max}`);
      },
    };
  }
  const tables = (await db.introspection.getTables()).filter((t) => !t.isView).map((t) => t.name);
  await sql`create or replace function refund_desk_test_disk_full() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`.execute(db);
  for (const t of tables) {
    await sql`create trigger refund_desk_test_disk_full before insert on ${sql.table(t)}
      for each statement execute function refund_desk_test_disk_full()`.execute(db);
  }
  return {
    free: async () => {
      for (const t of tables) await sql`drop trigger refund_desk_test_disk_full on ${sql.table(t)}`.execute(db);
    },
  };
}

/** What the server logs as a full disk's code, and as a busy database's (a lock not granted in time). */
export const fullCode = (world: TestWorld) => (world.databaseUrl ? '53100' : 'SQLITE_FULL');
export const busyCode = (world: TestWorld) => (world.databaseUrl ? '55P03' : 'SQLITE_BUSY');

/**
 * The database itself aborts the next transaction that writes an audit event, with `message`.
 * SQLite: a temporary trigger RAISE(ROLLBACK): SQLite has rolled the transaction back by itself
 * before the server's ROLLBACK (as after a full disk at COMMIT). PostgreSQL: a trigger raising
 * an error, which leaves the transaction aborted until the server rolls it back.
 * Returns how to remove it.
 */
export async function abortAuditWrites(world: TestWorld, message: string): Promise<() => Promise<void>> {
  const db = world.deps.db;
  if (!world.databaseUrl) {
    const sqlite = world.database.sqlite;
    sqlite.exec(`create temp trigger rolled_back before insert on audit_events
      begin select raise(rollback, '${message.replaceAll("'", "''")}'); end`);
    return async () => {
      sqlite.exec('drop trigger rolled_back');
    };
  }
  await sql`create function refund_desk_test_abort() returns trigger language plpgsql as $$
    begin raise exception '%', ${sql.lit(message)}; end $$`.execute(db);
  await sql`create trigger refund_desk_test_abort before insert on audit_events
    for each row execute function refund_desk_test_abort()`.execute(db);
  return async () => {
    await sql`drop trigger refund_desk_test_abort on audit_events`.execute(db);
  };
}
