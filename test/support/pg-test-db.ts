import pg from 'pg';
import { openPostgres, type OpenedPostgres } from '../../server/db/postgres-client';
import { migrateToLatest } from '../../server/db/migrate';

// PostgreSQL test databases (`npm run test:pg`, vitest.pg.config.ts). The config's global setup
// migrates one template database per run; each test world is a fresh database copied from it
// (CREATE DATABASE … TEMPLATE: a few tens of milliseconds, the same tables, triggers and seeded
// settings as migrations make) and dropped when the world is cleaned up.

/** The server to test on: PG_TEST_URL, else the local one (user postgres, trust). */
export const PG_TEST_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The environment variable that carries the template's name from the global setup to the test files. */
export const TEMPLATE_ENV = 'REFUND_DESK_PG_TEMPLATE';

export const isPostgresRun = () => process.env[TEMPLATE_ENV] !== undefined;

const urlFor = (database: string) => {
  const url = new URL(PG_TEST_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a test database name: ${name}`);
  return `"${name}"`;
};

/** Creates and migrates the template database (its connections closed, so it can be copied). */
export async function createTemplate(name: string): Promise<void> {
  await dropDatabase(name);
  await admin((c) => c.query(`create database ${ident(name)}`));
  const opened = openPostgres(urlFor(name), { max: 1 });
  try {
    await migrateToLatest(opened.db);
  } finally {
    await opened.close();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${ident(name)} with (force)`));
}

let made = 0;

/** A fresh database copied from the run's template, and how to drop it. */
export async function freshPostgresDatabase(): Promise<{ opened: OpenedPostgres; url: string; drop: () => Promise<void> }> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run the PostgreSQL tests with npm run test:pg`);
  const name = `${template}_w${process.pid}_${++made}`;
  await admin((c) => c.query(`create database ${ident(name)} template ${ident(template)}`));
  const url = urlFor(name);
  const opened = openPostgres(url, { max: 5 });
  return {
    opened,
    url,
    drop: async () => {
      await opened.close();
      await dropDatabase(name);
    },
  };
}

/** An empty database (no tables, not from the template: what an operator creates), its URL and how to drop it. */
export async function emptyPostgresDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `refund_desk_${label}_${process.pid}_${++made}`;
  await dropDatabase(name);
  await admin((c) => c.query(`create database ${ident(name)}`));
  return { url: urlFor(name), drop: () => dropDatabase(name) };
}
