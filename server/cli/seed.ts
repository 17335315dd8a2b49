// npm run seed -- [--orders N] [--db PATH] [--seed S] [--replace]
// Rebuilds the demo database from scratch: the file at PATH (and its -wal/-shm) is deleted first.
// With DATABASE_URL=postgres://… the PostgreSQL database is seeded instead (it must have no
// tables, or --replace drops them); PATH then only names where the audit checkpoints are kept.
import { checkpointFileFor, retireCheckpointFile } from '../audit/checkpoints';
import { defaultSigningKeyFile, loadOrCreateSigningKey, publicKeyFileFor } from '../audit/signing-key';
import { writeCheckpoint } from '../audit/write-checkpoint';
import { openDatabase, type OpenedEngine } from '../db/client';
import { isPostgresUrl } from '../db/engine';
import { openPostgres } from '../db/postgres-client';
import { seedDatabase, type SeedSummary } from '../seed/seed-database';
import { postgresIsEmpty, seedPostgres } from '../seed/seed-postgres';
import { fail, parseArgs } from './args';

const MAX_ORDERS = 9_000_000; // order numbers carry a 7-digit sequence per day

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const text = raw.replaceAll('_', '');
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) fail(`--${name} must be a whole number, got "${raw}"`);
  if (value < min || value > max) fail(`--${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

const args = parseArgs(process.argv.slice(2), ['orders', 'db', 'seed'], ['replace']);
const orders = wholeNumber('orders', args.orders, 3000, 0, MAX_ORDERS);
const seed = wholeNumber('seed', args.seed, 42, -(2 ** 31), 2 ** 31 - 1);
const path = args.db ?? process.env.DB_PATH ?? 'data/refund-desk.db';
if (path.trim() === '') fail('--db must name a file');
const url = process.env.DATABASE_URL ?? '';
if (url !== '' && !isPostgresUrl(url)) fail('DATABASE_URL must be a postgres:// URL (or empty for SQLite at --db)');
if (url === '' && args.replace) fail('--replace is for DATABASE_URL: a SQLite file is always replaced');
// refused before anything is touched (the checkpoint file below)
if (url && !args.replace && !(await postgresIsEmpty(url)))
  fail('the PostgreSQL database already has tables: seed an empty database, or pass --replace to drop them first');

const keyFile = process.env.AUDIT_SIGNING_KEY_FILE || defaultSigningKeyFile();
let auditKey: ReturnType<typeof loadOrCreateSigningKey>;
try {
  auditKey = loadOrCreateSigningKey(keyFile, path);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
if (auditKey.created) console.log(`Created the audit signing key ${keyFile} (0600); its public key: ${publicKeyFileFor(keyFile)}`);

console.log(
  `Seeding ${url ? new URL(url).pathname.slice(1) + ' (PostgreSQL)' : path} with ${orders.toLocaleString('en')} orders (seed ${seed})…`,
);
try {
  const progress = process.stderr.isTTY === true || process.env.SEED_PROGRESS === '1';
  // the old database's checkpoints are kept beside, under another name: the new one starts its own
  const retired = retireCheckpointFile(checkpointFileFor(path), new Date());
  if (retired) console.log(`The audit checkpoints of the previous database were moved to ${retired}`);
  let summary: SeedSummary;
  if (url) {
    const pg = await seedPostgres({ url, replace: args.replace === 'true', orders, seed, progress });
    console.log(`Built in SQLite in ${(pg.sqliteMs / 1000).toFixed(1)} s, copied to PostgreSQL in ${(pg.copyMs / 1000).toFixed(1)} s.`);
    summary = pg;
  } else summary = await seedDatabase({ path, orders, seed, progress });
  const { ms, counts } = summary;
  // the seeded audit trail's first signed checkpoint
  const opened: OpenedEngine = url ? openPostgres(url, { max: 1 }) : openDatabase(path);
  try {
    const outcome = await writeCheckpoint(opened.db, { file: checkpointFileFor(path), key: auditKey.key, now: new Date() });
    if (!outcome.written)
      throw new Error(`the first audit checkpoint was not written: ${outcome.reason === 'refused' ? outcome.problem : outcome.reason}`);
    console.log(`Audit checkpoint #${outcome.checkpoint.seq} signed in ${checkpointFileFor(path)}.`);
  } finally {
    await opened.close();
  }
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('en')}`);
  console.log(`Done in ${(ms / 1000).toFixed(1)} s.`);
} catch (err) {
  console.error(`error: seeding failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
