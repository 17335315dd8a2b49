import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../server/db/client';
import { copySqliteToPostgres } from '../../../server/db/copy-to-postgres';
import type { Engine } from '../../../server/db/engine';
import { freshPostgresDatabase, isPostgresRun } from '../../support/pg-test-db';
import { seededCopy } from './seeded-db';

// The seeded demo database a reliability test runs the real server on, on the engine of the run:
// `npm run test:reliability` a fresh copy of the cached seeded SQLite file (seeded-db.ts);
// `npm run test:pg` (vitest.pg.config.ts) a fresh PostgreSQL database from the run's migrated
// template with that same file copied into it (copySqliteToPostgres, as the PostgreSQL seed does).
// The test reads and checks it through Kysely (`use`), so one code path checks both engines.

export interface SeededTarget {
  engine: Engine;
  /** the server's DB_PATH: the SQLite file; on PostgreSQL where the signed audit checkpoints go */
  dbPath: string;
  /** what the server needs beyond DB_PATH: DATABASE_URL on PostgreSQL, nothing on SQLite */
  env: Record<string, string>;
  /**
   * Runs `fn` on a connection of the test's own, as another process would have: SQLite opens the
   * file for the call and closes it after (after a kill -9 it recovers the WAL, as a restart
   * would); PostgreSQL uses a small pool of the test's, kept until `drop`.
   */
  use: <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
  /** removes the PostgreSQL database (the SQLite file goes with the test's directory) */
  drop: () => Promise<void>;
}

export async function seededTarget(dir: string, name: string, orders = 300): Promise<SeededTarget> {
  const dbPath = join(dir, `${name}.db`);
  if (!isPostgresRun()) {
    await seededCopy(dbPath, orders);
    return {
      engine: 'sqlite',
      dbPath,
      env: {},
      use: async (fn) => {
        const opened = openDatabase(dbPath);
        try {
          return await fn(opened.db);
        } finally {
          await opened.close();
        }
      },
      drop: async () => {},
    };
  }
  const postgres = await freshPostgresDatabase();
  const file = join(dir, `${name}.source.db`);
  await seededCopy(file, orders);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const client = await postgres.opened.pool.connect();
  try {
    await copySqliteToPostgres(sqlite, client);
  } finally {
    client.release();
    sqlite.close();
  }
  return {
    engine: 'postgres',
    dbPath,
    env: { DATABASE_URL: postgres.url },
    use: (fn) => fn(postgres.opened.db),
    drop: postgres.drop,
  };
}
