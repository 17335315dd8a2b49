import { sql } from 'kysely';
import { log } from '../log';
import type { Db } from './client';
import { translateDatabaseError } from './db-errors';
import { engineOf } from './engine';

/**
 * The one lock every write transaction of every server takes on PostgreSQL (a transaction-level
 * advisory lock, released at COMMIT or ROLLBACK). An arbitrary constant, the same everywhere.
 */
export const WRITE_LOCK_KEY = 7_260_021;

// Every write transaction takes the write lock first.
// - SQLite: BEGIN IMMEDIATE. A deferred transaction that reads and then writes can fail with
//   SQLITE_BUSY under a second writer. Kysely's SQLite driver holds its single connection for the
//   whole callback, so the statements inside run on this transaction and nothing else interleaves.
// - PostgreSQL: BEGIN (read committed), then pg_advisory_xact_lock(WRITE_LOCK_KEY) before any
//   statement, on a connection of the pool reserved for the callback. Writers on every server
//   sharing the database then run one after another, exactly as on SQLite, and each statement
//   sees every write committed before the lock was granted. The domain code's read-check-write
//   steps (exactly-once refunds, case versions, the audit chain's head, throttles, the outbox)
//   were written for that guarantee and keep it unchanged; reads outside writeTx are never held
//   up. SERIALIZABLE would let writers overlap but fail some of them at COMMIT, which every
//   caller would then have to retry; row locks would have to be added to each read of each
//   check. Measured write rates are far below what one serial writer sustains (docs/deployment.md).
//   The wait is bounded like SQLite's busy timeout (lock_timeout 5 s: 503, try again).
// A busy database or a full disk is answered as a clear, retryable error (db-errors.ts).
export async function writeTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const postgres = engineOf(db) === 'postgres';
  return db.connection().execute(async (conn) => {
    try {
      if (postgres) {
        // one round trip: the three statements go as one simple-protocol message (no parameters);
        // a lock not granted in 5 s fails the message and leaves the transaction aborted
        await sql`begin; set local lock_timeout = '5s'; select pg_advisory_xact_lock(${sql.lit(WRITE_LOCK_KEY)})`.execute(conn);
      } else {
        await sql`begin immediate`.execute(conn);
      }
    } catch (error) {
      if (postgres) await sql`rollback`.execute(conn).catch(() => undefined);
      throw translateDatabaseError(error);
    }
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      // After some failures SQLite has already rolled the transaction back itself — a full disk
      // at COMMIT, an I/O error — and ROLLBACK then fails with "no transaction is active". That
      // must not replace the error that says what happened.
      await sql`rollback`.execute(conn).catch((rollbackError: unknown) => {
        const message = rollbackError instanceof Error ? rollbackError.message : String(rollbackError);
        if (!/no transaction is active/i.test(message)) log.error('rollback failed', { error: message });
      });
      throw translateDatabaseError(error);
    }
  });
}
