// The bench on PostgreSQL (DATABASE_URL): the same seeded data as the cached SQLite file, copied
// into the database DATABASE_URL names the first time (it must be empty then), and a scratch
// database for the approvals made from it as a template (CREATE DATABASE … TEMPLATE).
import Database from 'better-sqlite3';
import { copySqliteToPostgres } from '../../server/db/copy-to-postgres';
import { migrateToLatest } from '../../server/db/migrate';
import { openPostgres, withClient } from '../../server/db/postgres-client';
import { postgresIsEmpty } from '../../server/seed/seed-postgres';
import { cpuSecondsOf } from './server-process';

/** Fills the empty database at `url` from the SQLite file, or checks it holds as many orders. */
export async function preparePostgresBench(url: string, sqlitePath: string): Promise<void> {
  const sqlite = new Database(sqlitePath, { readonly: true });
  try {
    const orders = sqlite.prepare('select count(*) from orders').pluck().get() as number;
    if (await postgresIsEmpty(url)) {
      console.log(`copying ${sqlitePath} into PostgreSQL (kept for later runs)…`);
      const opened = openPostgres(url, { max: 1 });
      await migrateToLatest(opened.db).finally(() => opened.close());
      const started = performance.now();
      const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
      const copied = await withClient(url, (client) =>
        copySqliteToPostgres(sqlite, client, {
          step: (step) => console.log(`  ${seconds().padStart(7)} s  ${step}`),
          rows: (table, n, done) => {
            if (done) console.log(`  ${seconds().padStart(7)} s  ${table}: ${n} rows`);
          },
        }),
      );
      console.log(`copied in ${(copied.ms / 1000).toFixed(1)} s`);
      return;
    }
    const held = await withClient(url, async (c) => (await c.query<{ n: string }>('select count(*) as n from orders')).rows[0]!.n);
    if (Number(held) !== orders)
      throw new Error(`DATABASE_URL holds ${held} orders, the bench wants ${orders}: give it an empty database (it is filled and kept)`);
  } finally {
    sqlite.close();
  }
}

/** A copy of the database at `url` for writes (nothing may be connected to it meanwhile), and how to drop it. */
export async function postgresScratch(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const source = new URL(url);
  const name = `${source.pathname.slice(1)}_scratch_${process.pid}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const quoted = (n: string) => `"${n.replaceAll('"', '""')}"`;
  await withClient(admin.toString(), async (c) => {
    await c.query(`drop database if exists ${quoted(name)}`);
    await c.query(`create database ${quoted(name)} template ${quoted(source.pathname.slice(1))}`);
  });
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: () => withClient(admin.toString(), (c) => c.query(`drop database if exists ${quoted(name)} with (force)`)).then(() => undefined),
  };
}

/**
 * A new database on the server `url` names (`<its name>_load_<pid>`), migrated and filled from
 * the SQLite file (copySqliteToPostgres), for one load run; and how to drop it. `url`'s own
 * database is never written.
 */
export async function postgresCopyOf(url: string, sqlitePath: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const source = new URL(url);
  const name = `${source.pathname.slice(1) || 'refund_desk'}_load_${process.pid}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const quoted = (n: string) => `"${n.replaceAll('"', '""')}"`;
  const drop = () =>
    withClient(admin.toString(), (c) => c.query(`drop database if exists ${quoted(name)} with (force)`)).then(() => undefined);
  await drop();
  await withClient(admin.toString(), (c) => c.query(`create database ${quoted(name)}`));
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  try {
    const opened = openPostgres(copy.toString(), { max: 1 });
    await migrateToLatest(opened.db).finally(() => opened.close());
    const sqlite = new Database(sqlitePath, { readonly: true });
    try {
      await withClient(copy.toString(), (client) => copySqliteToPostgres(sqlite, client));
    } finally {
      sqlite.close();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: copy.toString(), drop };
}

/**
 * The CPU seconds (user + system, from /proc) PostgreSQL's backends connected under
 * `applicationName` have used so far; null when none is seen (off Linux, or PostgreSQL on
 * another machine). A backend that ended meanwhile is not counted.
 */
export async function postgresCpuSeconds(url: string, applicationName: string): Promise<number | null> {
  const pids = await withClient(url, async (c) =>
    (await c.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [applicationName])).rows.map(
      (r) => r.pid,
    ),
  );
  const each = pids.map((pid) => cpuSecondsOf(pid)).filter((s): s is number => s !== null);
  return each.length === 0 ? null : each.reduce((a, b) => a + b, 0);
}
