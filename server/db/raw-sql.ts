import { CompiledQuery } from 'kysely';
import type { Db } from './client';
import { engineOf } from './engine';
import { prepareOnce } from './postgres-client';

// Hand-written SQL on a Kysely connection (inside writeTx it is the transaction's): for hot loops
// only, where building and compiling a query per call is most of the cost — the platform ingest
// and bulk import apply millions of events, two to five statements each (docs/performance.md).
// The SQL text is a constant, so SQLite's statement cache (client.ts) prepares it once. Written
// with `?` placeholders; on PostgreSQL they become $1, $2, … (the texts hold no other `?`), and
// each text is prepared once per connection there (postgres-client.ts).

const numbered = new Map<string, string>();
function textFor(db: Db, text: string): string {
  if (engineOf(db) === 'sqlite') return text;
  let pg = numbered.get(text);
  if (pg === undefined) {
    let n = 0;
    pg = text.replace(/\?/g, () => `$${++n}`);
    numbered.set(text, pg);
    prepareOnce(pg);
  }
  return pg;
}

export async function rows<T>(db: Db, text: string, ...params: unknown[]): Promise<T[]> {
  return (await db.executeQuery<T>(CompiledQuery.raw(textFor(db, text), params))).rows;
}

export async function first<T>(db: Db, text: string, ...params: unknown[]): Promise<T | undefined> {
  return (await db.executeQuery<T>(CompiledQuery.raw(textFor(db, text), params))).rows[0];
}

/** Runs a statement; the number of rows it changed. */
export async function run(db: Db, text: string, ...params: unknown[]): Promise<number> {
  return Number((await db.executeQuery(CompiledQuery.raw(textFor(db, text), params))).numAffectedRows ?? 0);
}
