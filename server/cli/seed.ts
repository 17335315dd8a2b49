// npm run seed -- [--orders N] [--db PATH] [--seed S]
// Rebuilds the demo database from scratch (the file at PATH is deleted first).
import { parseArgs } from 'node:util';
import { seedDatabase } from '../seed/seed-database';

const USAGE = 'usage: npm run seed -- [--orders N] [--db PATH] [--seed S]';

function fail(message: string): never {
  console.error(`seed: ${message}\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.replaceAll('_', ''))) fail(`--${name} must be a whole number, got "${raw}"`);
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < min) fail(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

function readOptions() {
  try {
    const { values } = parseArgs({
      options: {
        orders: { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}

const values = readOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const orders = wholeNumber('orders', values.orders, 3000, 0);
if (orders > 9_000_000) fail(`--orders must be at most 9000000, got ${orders}`);
const seed = wholeNumber('seed', values.seed, 42, Number.MIN_SAFE_INTEGER);
const path = values.db ?? process.env.DB_PATH ?? 'data/refund-desk.db';
if (path.trim() === '') fail('--db must name a file');

console.log(`Seeding ${path} with ${orders.toLocaleString('en')} orders (seed ${seed})…`);
try {
  const { ms, counts } = await seedDatabase({ path, orders, seed, progress: process.stderr.isTTY === true || process.env.SEED_PROGRESS === "1" });
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('en')}`);
  console.log(`Done in ${(ms / 1000).toFixed(1)} s.`);
} catch (err) {
  console.error(`seed: failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
