import { sql } from 'kysely';
import { log } from '../log';
import type { Db } from './client';
import { translateDatabaseError } from './db-errors';

// Every write transaction takes the write lock first (BEGIN IMMEDIATE): a deferred
// transaction that reads and then writes can fail with SQLITE_BUSY under a second writer.
// Kysely's SQLite driver holds its single connection for the whole callback, so the
// statements inside run on this transaction and nothing else interleaves.
// A busy database or a full disk is answered as a clear, retryable error (db-errors.ts).
export async function writeTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    try {
      await sql`begin immediate`.execute(conn);
    } catch (error) {
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
