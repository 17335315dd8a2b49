import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startAuditCheckpoints } from '../audit/checkpointer';
import { checkpointFileFor, retireCheckpointFile } from '../audit/checkpoints';
import { loadOrCreateSigningKey, publicKeyFileFor } from '../audit/signing-key';
import { createDeps } from '../deps';
import { migrateToLatest } from '../db/migrate';
import { readEnv } from '../env';
import { createHttpServer } from '../http/app';
import { log, setLogLevel } from '../log';
import { DEMO_ACCOUNTS } from '../seed/demo-staff';
import { seedDatabase } from '../seed/seed-database';
import { postgresIsEmpty, seedPostgres } from '../seed/seed-postgres';
import { startWorkers } from '../workers';
import { buildClientIfNeeded } from './build-client-if-needed';

/** A setting that stops the start says why in one line (no stack trace) and exits 1. */
function orStop<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const env = orStop(() => readEnv());
setLogLevel(env.LOG_LEVEL);

// The audit signing key first: a key in the database's folder or readable by others stops the start.
const { key: auditKey, created: keyCreated } = orStop(() => loadOrCreateSigningKey(env.AUDIT_SIGNING_KEY_FILE, env.DB_PATH));
if (keyCreated)
  console.log(
    `Created the audit signing key ${env.AUDIT_SIGNING_KEY_FILE} (0600); its public key for auditors: ${publicKeyFileFor(env.AUDIT_SIGNING_KEY_FILE)}`,
  );
const checkpointFile = checkpointFileFor(env.DB_PATH);

// A database that does not exist yet gets the demo data: on SQLite no file at DB_PATH, on
// PostgreSQL (DATABASE_URL) a database without tables (never migrated; docs/deployment.md).
const fresh = env.DATABASE_URL ? await postgresIsEmpty(env.DATABASE_URL) : !existsSync(env.DB_PATH);
if (fresh) {
  // checkpoints of a database that is gone are kept, beside, under another name
  const retired = retireCheckpointFile(checkpointFile, new Date());
  if (retired) console.log(`The audit checkpoints of the previous database were moved to ${retired}`);
  const where = env.DATABASE_URL ? `in the PostgreSQL database ${new URL(env.DATABASE_URL).pathname.slice(1)}` : `at ${env.DB_PATH}`;
  console.log(`No database ${where}: seeding a demo database with ${env.DEMO_ORDERS} orders…`);
  const options = { orders: env.DEMO_ORDERS, seed: 42, progress: false };
  const summary = env.DATABASE_URL
    ? await seedPostgres({ url: env.DATABASE_URL, ...options })
    : await seedDatabase({ path: env.DB_PATH, ...options });
  console.log(`Seeded in ${(summary.ms / 1000).toFixed(1)} s: ${JSON.stringify(summary.counts)}`);
}
if (!process.env.SKIP_CLIENT_BUILD) buildClientIfNeeded();

const { deps, database } = orStop(() => createDeps(env));
await migrateToLatest(deps.db);
// signs the head now (a database without checkpoints gets its first one; the server listens
// meanwhile), then every 1000 events, every 5 minutes while events arrive, and at shutdown
const checkpoints = startAuditCheckpoints({ db: deps.db, file: checkpointFile, key: auditKey });
const server = createHttpServer({ deps, allowedOrigins: env.ALLOWED_ORIGINS, clientDir: resolve(env.CLIENT_DIR) });
const stopWorkers = startWorkers(deps);
server.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`\nRefund Desk is running at http://localhost:${port}/`);
  console.log('Demo accounts (demo database only):');
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(10)} ${a.username} / ${a.password}`);
});

function shutdown() {
  log.info('shutting down');
  stopWorkers();
  server.close(() => {
    // fire-and-forget: nothing waits on shutdown; a close that fails surfaces as an unhandled
    // rejection (the process exits non-zero), and the timer below ends a close that hangs.
    // The last audit checkpoint is signed once no request can write any more (it logs, never throws).
    void checkpoints
      .stop()
      .then(() => database.close())
      .then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
