import { CompiledQuery } from 'kysely';
import type { Db } from './client';

// Hand-written SQL on a Kysely connection (inside writeTx it is the transaction's): for hot loops
// only, where building and compiling a query per call is most of the cost — the platform ingest
// and bulk import apply millions of events, two to five statements each (docs/performance.md).
// The SQL text is a constant, so the statement cache (client.ts) prepares it once.

export async function rows<T>(db: Db, text: string, ...params: unknown[]): Promise<T[]> {
  return (await db.executeQuery<T>(CompiledQuery.raw(text, params))).rows;
}

export async function first<T>(db: Db, text: string, ...params: unknown[]): Promise<T | undefined> {
  return (await db.executeQuery<T>(CompiledQuery.raw(text, params))).rows[0];
}

/** Runs a statement; the number of rows it changed. */
export async function run(db: Db, text: string, ...params: unknown[]): Promise<number> {
  return Number((await db.executeQuery(CompiledQuery.raw(text, params))).numAffectedRows ?? 0);
}
