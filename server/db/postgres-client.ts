import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Db } from './client';
import { withNamedStatements } from './named-statements';
import type { DB } from './schema';

export interface OpenedPostgres {
  db: Db;
  engine: 'postgres';
  pool: pg.Pool;
  close: () => Promise<void>;
}

// PostgreSQL hands 64-bit integers (count(*), sum() of integers) and numerics (avg(), sum() of
// bigints) to node as strings, where better-sqlite3 hands numbers. The console's figures are
// counts and fen amounts far below 2^53, so both are parsed as numbers: every query then returns
// the same JavaScript values on both engines.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => (value === null ? null : Number(value));
    return pg.types.getTypeParser(oid, format);
  },
};

// The hot loops' hand-written statements (raw-sql.ts: the ingest and the bulk import, millions of
// events, a few statements each) are prepared once per connection, as SQLite's statement cache
// prepares them once (client.ts): parsing and planning each anew was most of PostgreSQL's work per
// event. Only those texts are named, so a connection holds a bounded set of prepared statements;
// every other query is sent unnamed, as before.
const preparedNames = new Map<string, string>();

/** Marks a constant SQL text (with $n parameters) to be prepared once per connection. */
export function prepareOnce(text: string): void {
  if (!preparedNames.has(text)) preparedNames.set(text, `rd_${preparedNames.size + 1}`);
}

class PreparingClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    const unnamed = this.query.bind(this) as (...args: unknown[]) => unknown;
    // Kysely's driver calls query(text, values)
    (this as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
      const name = typeof config === 'string' && Array.isArray(values) ? preparedNames.get(config) : undefined;
      return name === undefined ? unnamed(config, values, callback) : unnamed({ name, text: config, values }, callback);
    };
  }
}

/**
 * A pool of connections to the PostgreSQL database at `url` (DATABASE_URL). Times stay UTC ISO
 * text and money integer fen, as on SQLite; the session time zone is UTC so that date arithmetic
 * in SQL (server/db/engine-sql.ts) never depends on the server's.
 */
export function openPostgres(url: string, options: { max?: number } = {}): OpenedPostgres {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, options: '-c TimeZone=UTC', Client: PreparingClient });
  // An idle connection the server drops (a restart, a failover) must not crash the process;
  // the next query opens a new one.
  pool.on('error', () => undefined);
  // statements prepared by name on each connection: parsed and planned once (named-statements.ts)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
  return { db, engine: 'postgres', pool, close: () => db.destroy() };
}

/** One plain connection (UTC, as the pool's) for a task of its own — a copy, a move, a check — closed after. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
