import { sql } from 'kysely';
import type { Db } from './client';

// Every write transaction takes the write lock first (BEGIN IMMEDIATE): a deferred
// transaction that reads and then writes can fail with SQLITE_BUSY under a second writer.
// Kysely's SQLite driver holds its single connection for the whole callback, so the
// statements inside run on this transaction and nothing else interleaves.
export async function writeTx<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}
