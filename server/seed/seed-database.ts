// Builds the demo database from scratch: deterministic for a given (seed, now), fast enough for
// a million orders (raw prepared statements, big transactions, no journal while it fills).
import { rmSync } from 'node:fs';
import { openDatabase } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { auditAside, writeAudit } from './audit-seed';
import { deferIndexes } from './bulk';
import { planCases } from './case-plan';
import { writeCases } from './cases-write';
import { digestOpenQuotes } from './quote-digests';
import { generateMembers, insertMembers, settleRegistration } from './members';
import { generateOrders } from './orders';
import { writeOrders, writeSubscriptions } from './orders-write';
import { insertPlans } from './plans';
import { mixSeed, mulberry32 } from './prng';
import { createProgress } from './progress';
import { seedStoreEvents } from './store-events';
import { hashDemoPasswords, insertCalendar, insertPolicy, insertStaff } from './reference-data';
import { DAY_MS, HOUR_MS, WINDOW_DAYS, iso } from './seed-time';
import { insertTemplates } from './templates';

export interface SeedOptions {
  path: string;
  orders: number;
  seed: number;
  progress: boolean;
  /** the demo's "now"; default: the current time truncated to the hour */
  now?: Date;
}

export interface SeedSummary {
  ms: number;
  counts: Record<string, number>;
}

export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

// Lets queued callbacks run (the password hashes are started one after another from there).
const turn = () => new Promise(setImmediate);

export async function seedDatabase(options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const { path, orders: orderCount, seed } = options;
  if (!Number.isSafeInteger(orderCount) || orderCount < 0) throw new RangeError(`orders must be a whole number ≥ 0: ${orderCount}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer: ${seed}`);
  const nowMs = options.now ? options.now.getTime() : Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  if (!Number.isFinite(nowMs)) throw new RangeError('now must be a valid date');
  const hashes = hashDemoPasswords(); // Argon2id (OWASP cost) on the thread pool, overlapping the rest
  const progress = createProgress(options.progress);

  removeDatabaseFiles(path);
  const opened = openDatabase(path);
  try {
    await migrateToLatest(opened.db);
    const db = opened.sqlite;
    // Bulk mode: nothing to roll back to and nothing to recover — on any failure the file is
    // removed. Foreign keys are checked by the test suite instead of row by row.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -262144'); // 256 MiB
    const restoreIndexes = deferIndexes(db, ['members', 'subscriptions', 'orders']);

    const r = mulberry32(mixSeed(seed, 0x5eed));
    progress.phase('generating', 3);
    const members = generateMembers(r, orderCount === 0 ? 0 : Math.max(1, Math.round(orderCount / 3)));
    progress.tick(1);
    const { orders, subs } = generateOrders(r, members, orderCount, nowMs);
    settleRegistration(r, members, nowMs - WINDOW_DAYS * DAY_MS);
    progress.tick(2);
    await turn();
    const cases = planCases(r, seed, orders, nowMs); // their histories move the orders' money facts
    await turn();

    const at = iso(nowMs - (WINDOW_DAYS + 30) * DAY_MS); // reference data predates the orders
    const counts: Record<string, number> = {};
    db.exec('begin');
    counts.plans = insertPlans(db);
    counts.policy_versions = insertPolicy(db, at);
    counts.calendar_days = insertCalendar(db);
    counts.message_templates = insertTemplates(db, at);
    progress.phase('members', 1);
    const { grams } = insertMembers(db, members);
    Object.assign(counts, { members: members.length, member_name_fts: members.length, member_name_grams: grams });
    counts.subscriptions = writeSubscriptions(db, subs);
    db.exec('commit');
    await turn();

    // The cases before the big tables, while their pages are still in the cache.
    progress.phase('cases', 1);
    const written = writeCases(db, cases);
    Object.assign(counts, written.counts);
    await turn();

    Object.assign(counts, await writeOrders(db, seed, orders, nowMs, progress));
    db.exec('begin');
    counts.staff = insertStaff(db, await hashes, at);
    db.exec('commit');

    progress.phase('indexing', 1);
    db.exec('begin');
    restoreIndexes();
    db.exec('commit');
    digestOpenQuotes(db); // reads orders and subscriptions by their indexes
    // The stores' notifications through the console's own handlers, on the written orders; then
    // the whole audit trail, the cases' events and theirs, chained in time order.
    const storeAudit = await auditAside(db, () => seedStoreEvents(opened, seed, nowMs));
    counts.audit_events = writeAudit(db, [...written.audit, ...storeAudit]);
    const touched = ['staff', 'refund_cases', 'case_evidence', 'case_decisions', 'subscriptions'];
    for (const table of [...touched, 'store_notifications', 'store_requests', 'member_consents'])
      counts[table] = (db.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
    // Statistics for the query planner, sampled so it takes a moment even at millions of rows.
    db.pragma('analysis_limit = 1000');
    db.exec('analyze');
    // The store tables hold the handful of rows store-events.ts wrote: statistics saying so would
    // have the planner scan them, which a live database, filled after any ANALYZE, never does.
    db.prepare(`delete from sqlite_stat1 where tbl in ('store_notifications', 'store_requests', 'member_consents')`).run();
    db.pragma('cache_size = -65536');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    progress.end();
    await opened.close();
    return { ms: Math.round(performance.now() - started), counts };
  } catch (err) {
    progress.end();
    await opened.close();
    removeDatabaseFiles(path); // never leave a half-built demo database behind
    throw err;
  }
}
