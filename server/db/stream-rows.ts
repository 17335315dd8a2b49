import { CompiledQuery, sql, type Compilable } from 'kysely';
import type { Db } from './client';
import { engineOf } from './engine';

/**
 * The rows of a query as they are read, `chunk` at a time (streamed CSV exports, the audit
 * chain's walk). SQLite: Kysely's own stream. PostgreSQL: a cursor (DECLARE … FETCH) in a
 * read-only REPEATABLE READ transaction on a connection of the pool held for the walk, so it
 * reads one snapshot while the server writes, and the whole result is never in memory. Kysely's
 * PostgreSQL stream would need the pg-cursor package, which the console does without.
 * Stopping early (break) rolls the transaction back and gives the connection back.
 */
export async function* streamRows<R>(
  db: Db,
  query: Compilable<R> & { stream(chunk: number): AsyncIterableIterator<R> },
  chunk: number,
): AsyncIterableIterator<R> {
  if (engineOf(db) !== 'postgres') {
    yield* query.stream(chunk);
    return;
  }
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let held: (conn: Db) => void = () => {};
  const connection = new Promise<Db>((resolve) => (held = resolve));
  const done = db.connection().execute(async (conn) => {
    held(conn);
    await released;
  });
  const conn = await Promise.race([connection, done.then(() => Promise.reject(new Error('no connection for the stream')))]);
  let open = false;
  try {
    await sql`begin isolation level repeatable read read only`.execute(conn);
    open = true;
    const compiled = query.compile();
    await conn.executeQuery(CompiledQuery.raw(`declare rows_out no scroll cursor for ${compiled.sql}`, [...compiled.parameters]));
    for (;;) {
      const { rows } = await conn.executeQuery<R>(CompiledQuery.raw(`fetch ${Math.max(1, Math.floor(chunk))} from rows_out`));
      if (rows.length === 0) break;
      yield* rows;
    }
    await sql`commit`.execute(conn);
    open = false;
  } finally {
    if (open) await sql`rollback`.execute(conn).catch(() => undefined);
    release();
    await done;
  }
}
