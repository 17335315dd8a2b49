// `npm run db:to-postgres -- --db FILE` (docs/deployment.md § Moving from SQLite): a console's
// SQLite file into an empty PostgreSQL database, with the code the PostgreSQL seed and the bench
// use (copySqliteToPostgres: one transaction, every table, identity numbering moved past the
// file's ids), then checked: every table holds as many rows as the file, and the audit chain
// walks to exactly the file's head with the same hash, so the checkpoints signed beside the file
// go on verifying the database.
import { existsSync, statSync } from 'node:fs';
import { verifyAuditTrailAsync } from '../audit/verify-trail';
import { openDatabase } from './client';
import { copySqliteToPostgres, type CopyProgress } from './copy-to-postgres';
import { migrateToLatest } from './migrate';
import { migrationProvider } from './migrations';
import { openPostgres, withClient } from './postgres-client';

export interface MoveOptions {
  /** the SQLite file (its server stopped) */
  file: string;
  url: string;
  /** drop everything in the PostgreSQL database's public schema first; without it a database with tables is refused */
  replace?: boolean;
  progress?: CopyProgress;
}

export interface MoveSummary {
  /** rows per table, the same in the file and in PostgreSQL (checked) */
  rows: Record<string, number>;
  /** migrations the file was behind and got first (0: it was up to date) */
  fileMigrated: number;
  /** the audit chain's last event, the same on both (checked); null for an empty trail */
  auditHead: { id: number; hash: string } | null;
  ms: number;
}

/** A refusal before anything was written to either database: the command says it and exits 2. */
export class MoveRefused extends Error {}

/** SQLite's own tables, and the FTS5 tables whose text PostgreSQL keeps in a pg_trgm index instead. */
const SQLITE_ONLY = /^(sqlite_|communications_fts|member_name_fts_)/;

export async function moveSqliteToPostgres(opts: MoveOptions): Promise<MoveSummary> {
  const started = performance.now();
  const step = opts.progress?.step ?? (() => undefined);
  if (!existsSync(opts.file) || !statSync(opts.file).isFile()) throw new MoveRefused(`no SQLite file at ${opts.file}`);
  const held = await postgresTables(opts.url, 'any');
  if (held.length > 0 && !opts.replace)
    throw new MoveRefused(
      `the PostgreSQL database ${databaseName(opts.url)} is not empty (${held.length} tables): ` +
        'move into an empty database (createdb …), or pass --replace to drop everything in it first',
    );

  const file = openDatabase(opts.file);
  try {
    const { sqlite } = file;
    const tablesOf = (db: typeof sqlite) => db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
    const inFile = tablesOf(sqlite);
    if (!inFile.includes('kysely_migration')) throw new MoveRefused(`${opts.file} is not a Refund Desk database (no migrations table)`);
    const known = Object.keys(await migrationProvider.getMigrations());
    const applied = sqlite.prepare('select name from kysely_migration').pluck().all() as string[];
    const newer = applied.filter((name) => !known.includes(name));
    if (newer.length > 0)
      throw new MoveRefused(`${opts.file} was migrated by a newer version of the console (${newer.join(', ')}): move it with that version`);
    // the tables this version makes (a scratch database in memory): anything else in the file would be left behind
    const scratch = openDatabase(':memory:');
    let expected: string[];
    try {
      await migrateToLatest(scratch.db);
      expected = tablesOf(scratch.sqlite);
    } finally {
      await scratch.close();
    }
    const strange = inFile.filter((name) => !SQLITE_ONLY.test(name) && !expected.includes(name));
    if (strange.length > 0)
      throw new MoveRefused(`${opts.file} has tables the console does not know (${strange.join(', ')}): nothing was copied`);

    const pending = known.length - applied.length;
    if (pending > 0) {
      step(`migrating ${opts.file} to this version's schema first (${pending} migrations, as the server's start would)`);
      await migrateToLatest(file.db);
    }
    if (held.length > 0) {
      step(`--replace: dropping the ${held.length} tables of ${databaseName(opts.url)}`);
      await withClient(opts.url, async (client) => {
        await client.query('drop schema public cascade');
        await client.query('create schema public');
      });
    }
    step(`migrating the PostgreSQL database ${databaseName(opts.url)}`);
    const target = openPostgres(opts.url, { max: 2 });
    try {
      await migrateToLatest(target.db);
      // one snapshot of the file from the first row read to the last count
      sqlite.exec('begin');
      try {
        await withClient(opts.url, (client) => copySqliteToPostgres(sqlite, client, opts.progress));
        step('checking: rows per table, and the audit chain');
        const rows: Record<string, number> = {};
        await withClient(opts.url, async (client) => {
          for (const table of (await postgresTables(opts.url)).filter((t) => !t.startsWith('kysely_'))) {
            const there = Number((await client.query<{ n: string }>(`select count(*) as n from "${table}"`)).rows[0]!.n);
            const here = sqlite.prepare(`select count(*) from "${table}"`).pluck().get() as number;
            if (here !== there)
              throw new Error(`${table} has ${here.toLocaleString('en')} rows in the file but ${there.toLocaleString('en')} in PostgreSQL`);
            rows[table] = there;
          }
        });
        const head = (sqlite.prepare('select id, hash from audit_events order by id desc limit 1').get() ?? null) as {
          id: number;
          hash: string;
        } | null;
        const anchors = head ? [{ lastId: head.id, lastHash: head.hash, label: `the file's last audit event (${head.id})` }] : [];
        const verdict = await verifyAuditTrailAsync(target.db, anchors, { exact: true });
        if (!verdict.ok) throw new Error(`the audit chain does not verify on PostgreSQL: ${verdict.problem}`);
        return { rows, fileMigrated: pending, auditHead: head, ms: Math.round(performance.now() - started) };
      } finally {
        sqlite.exec('commit');
      }
    } finally {
      await target.close();
    }
  } finally {
    await file.close();
  }
}

function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

/** The public schema's tables (with 'any', its views too: an empty list is a database nothing was put in yet). */
async function postgresTables(url: string, kind: 'base' | 'any' = 'base'): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and (table_type = 'BASE TABLE' or $1) order by 1`,
      [kind === 'any'],
    );
    return rows.map((r) => r.name);
  });
}
