import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDatabase } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DB } from './schema';
import type { Engine } from './engine';

export type Db = Kysely<DB>;

/** An open database of either engine (server/db/engine.ts): what the server needs to run and stop. */
export interface OpenedEngine {
  db: Db;
  engine: Engine;
  close: () => Promise<void>;
}

export interface OpenedDatabase extends OpenedEngine {
  engine: 'sqlite';
  sqlite: Database.Database;
}

// Opens the SQLite file with the durability settings money needs (docs/stack.md):
// WAL, synchronous=FULL (an acknowledged commit survives power loss), foreign keys on,
// and a busy timeout for the moments another process (backup, seed) holds the lock.
export function openDatabase(path: string): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const db = sqliteKysely(sqlite);
  return { db, engine: 'sqlite', sqlite, close: () => closeBoth(db, sqlite) };
}

/**
 * A read-only connection of its own, for a long read (a streamed CSV export): the main
 * connection runs one query at a time, so a stream paced by a slow client would hold up every
 * other request. WAL lets this reader see one consistent snapshot while the server writes.
 */
export function openReader(path: string): OpenedDatabase {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const db = sqliteKysely(sqlite);
  return { db, engine: 'sqlite', sqlite, close: () => closeBoth(db, sqlite) };
}

// Kysely's SQLite driver, counting the callers that hold its one connection or wait for it
// (a query between its acquire and release, a transaction from BEGIN to COMMIT).
class CountingSqliteDriver extends SqliteDriver {
  users = 0;
  override acquireConnection(): Promise<DatabaseConnection> {
    this.users++;
    return super.acquireConnection();
  }
  override releaseConnection(): Promise<void> {
    this.users--;
    return super.releaseConnection();
  }
}

type ReadNow = (sql: string, parameters: readonly unknown[]) => unknown[] | null;
const readsNow = new WeakMap<Db, ReadNow>();

function sqliteKysely(sqlite: Database.Database): Db {
  const database = withStatementCache(sqlite);
  const driver = new CountingSqliteDriver({ database });
  const dialect = new SqliteDialect({ database });
  dialect.createDriver = () => driver;
  const db = new Kysely<DB>({ dialect });
  readsNow.set(db, (sql, parameters) => {
    if (driver.users > 0) return null;
    const statement = database.prepare(sql) as Database.Statement;
    return statement.reader ? statement.all(parameters) : null;
  });
  return db;
}

/**
 * The rows of a read (a SELECT), run on the SQLite connection itself at once — what Kysely's
 * executor does when nobody holds the connection, without its mutex and half a dozen promise
 * hops (issue 17: the order lookup's hot path, server/db/shaped-query.ts). Null when it must go
 * through Kysely: a connection in use or awaited (a transaction, another query), a statement
 * that writes, a transaction's handle or PostgreSQL.
 */
export function readNow<Row>(db: Db, sql: string, parameters: readonly unknown[]): Row[] | null {
  return (readsNow.get(db)?.(sql, parameters) as Row[] | null | undefined) ?? null;
}

const STATEMENTS_KEPT = 500;

/**
 * Kysely prepares every query anew; preparing the same SQL (a search, an order page) again and
 * again was a seventh of a lookup's time at load (measured with --cpu-prof). Statements are
 * kept by their SQL text, the least recently used dropped beyond 500, and a statement still
 * iterating (a streamed CSV export) is never handed out a second time.
 */
function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const statement = kept.get(text);
      if (statement && !statement.busy) {
        kept.delete(text);
        kept.set(text, statement);
        return statement;
      }
      const fresh = sqlite.prepare(text);
      if (!statement) {
        kept.set(text, fresh);
        if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      }
      return fresh;
    },
  };
}

/**
 * Kysely closes the file only if it ever ran a query on it; a connection never used (a reader
 * nobody read through) would stay open and keep the WAL from being folded into the file when the
 * last writer closes. So the handle is closed here as well.
 */
async function closeBoth(db: Db, sqlite: Database.Database): Promise<void> {
  await db.destroy();
  if (sqlite.open) sqlite.close();
}
