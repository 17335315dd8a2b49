// The demo seed on PostgreSQL (DATABASE_URL): the same deterministic data as on SQLite, built in a
// scratch SQLite file by seedDatabase (its bulk machinery is SQLite's) and copied over in one
// transaction by copySqliteToPostgres. Byte for byte the same rows, so the seeded audit chain
// verifies on PostgreSQL too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { copySqliteToPostgres } from '../db/copy-to-postgres';
import { migrateToLatest } from '../db/migrate';
import { openPostgres, withClient } from '../db/postgres-client';
import { seedDatabase, type SeedOptions, type SeedSummary } from './seed-database';

export interface PostgresSeedOptions extends Omit<SeedOptions, 'path'> {
  url: string;
  /** drop everything in the database's public schema first; without it a database with tables is refused */
  replace?: boolean;
}

export interface PostgresSeedSummary extends SeedSummary {
  /** of `ms`: building the scratch SQLite file, and copying it over */
  sqliteMs: number;
  copyMs: number;
}

/** True when the database has no tables of its own yet (never migrated): a demo seed's place. */
export async function postgresIsEmpty(url: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from information_schema.tables where table_schema = 'public'",
    );
    return rows[0]!.n === 0;
  });
}

export async function seedPostgres(options: PostgresSeedOptions): Promise<PostgresSeedSummary> {
  const started = performance.now();
  const { url, replace, ...seedOptions } = options;
  if (!(await postgresIsEmpty(url))) {
    if (!replace) throw new Error('the database already has tables: seed an empty database, or pass --replace to drop them first');
    await withClient(url, async (client) => {
      await client.query('drop schema public cascade');
      await client.query('create schema public');
    });
  }
  const opened = openPostgres(url, { max: 1 });
  try {
    await migrateToLatest(opened.db);
  } finally {
    await opened.close();
  }

  const dir = mkdtempSync(join(tmpdir(), 'refund-desk-pg-seed-'));
  try {
    const path = join(dir, 'seed.db');
    const built = await seedDatabase({ ...seedOptions, path });
    const sqlite = new Database(path, { readonly: true });
    try {
      const copied = await withClient(url, (client) => copySqliteToPostgres(sqlite, client));
      return { ms: Math.round(performance.now() - started), counts: built.counts, sqliteMs: built.ms, copyMs: copied.ms };
    } finally {
      sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
