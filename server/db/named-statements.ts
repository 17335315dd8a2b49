import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

// PostgreSQL parses and plans an unnamed statement anew every time it is sent: for the one-row
// order lookup that was ~0.3 ms of planning against ~0.1 ms of execution (EXPLAIN ANALYZE at
// 100,000 orders), most of the database's CPU per request (docs/performance.md § PostgreSQL: the
// request path). So the statements Kysely sends are prepared by name on each connection, the
// first time a connection sees their text, and later executions only bind and execute; after five
// executions PostgreSQL keeps a generic plan when it costs no more than the ones made for the
// values (plan_cache_mode auto). The same idea as the SQLite statement cache (client.ts).
//
// - Only SELECT, INSERT, UPDATE, DELETE and WITH statements are named; BEGIN, COMMIT, SET, locks
//   and cursors go as before.
// - At most STATEMENTS_PER_CONNECTION texts per connection, the least recently used deallocated
//   beyond (so that texts built from the shape of an input cannot fill a backend's memory). A
//   name is deallocated only after it once ran to the end: then it certainly exists, and
//   DEALLOCATE cannot fail and abort the transaction the connection is in (in a transaction
//   already aborted it fails, is ignored, and that one statement stays until the connection
//   closes).
// - A name is never reused for another text, so pg's own bookkeeping of what it parsed stays true.
// - Needs a session of its own per connection: a pooler in transaction mode (pgbouncer before
//   1.21) in front of PostgreSQL would hand a prepared name to another session.
export const STATEMENTS_PER_CONNECTION = 500;

const NAMED = /^\s*(select|insert|update|delete|with)\b/i;

interface Kept {
  name: string;
  /** ran to the end at least once: it exists on the server */
  ran: boolean;
}

let made = 0;

/** A pg pool for Kysely's PostgresDialect whose clients send named (prepared) statements. */
export function withNamedStatements(pool: pg.Pool): PostgresPool {
  // one wrapper per connection, so that Kysely keeps one connection object for it too
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w)
        wrapped.set(client, (w = { query: namedQuery(client) as unknown as PostgresPoolClient['query'], release: () => client.release() }));
      return w;
    },
    end: () => pool.end(),
  };
}

function namedQuery(client: pg.PoolClient) {
  const statements = new Map<string, Kept>();
  return (text: unknown, values?: readonly unknown[]) => {
    if (typeof text !== 'string' || !NAMED.test(text)) return client.query(text as never, values as never);
    let entry = statements.get(text);
    if (entry) {
      statements.delete(text); // most recently used last
      statements.set(text, entry);
    } else {
      entry = { name: `rd_${(++made).toString(36)}`, ran: false };
      statements.set(text, entry);
      if (statements.size > STATEMENTS_PER_CONNECTION) forgetOldest(client, statements);
    }
    const ran = entry;
    return client.query({ name: ran.name, text, values: values as unknown[] }).then((result) => {
      ran.ran = true;
      return result;
    });
  };
}

function forgetOldest(client: pg.PoolClient, statements: Map<string, Kept>) {
  const [text, oldest] = statements.entries().next().value!;
  statements.delete(text);
  if (!oldest.ran) return;
  // queued on the client before the statement that pushed it out; its answer is not awaited
  client.query(`deallocate ${oldest.name}`).catch(() => undefined);
  // pg remembers every name it parsed on the connection; a deallocated one is never sent again
  const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;
  if (parsed) delete parsed[oldest.name];
}
