import Database from 'better-sqlite3';
import pg from 'pg';
import { WRITE_LOCK_KEY } from '../../../server/db/write-tx';

// Another connection holding the database's write lock, as a backup script, a migration or a
// second server would: SQLite's (BEGIN IMMEDIATE on the file) or PostgreSQL's (the advisory lock
// every write transaction takes first, server/db/write-tx.ts). The server's writes then wait for
// their timeout (SQLite's busy timeout, PostgreSQL's lock_timeout of 5 s) and are refused as busy.
// Returns how to let go (roll back).
export async function holdWriteLock(where: { sqliteFile: string } | { databaseUrl: string }): Promise<() => Promise<void>> {
  if ('sqliteFile' in where) {
    const other = new Database(where.sqliteFile);
    other.exec('begin immediate');
    return async () => {
      other.exec('rollback');
      other.close();
    };
  }
  const other = new pg.Client({ connectionString: where.databaseUrl });
  await other.connect();
  await other.query('begin');
  await other.query(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
  return async () => {
    await other.query('rollback');
    await other.end();
  };
}
