import { sql } from 'kysely';
import type { Db } from '../../server/db/client';

/** How many rows a table holds (any table, the ingest and store ones too): a refusal that writes nothing leaves it as it was. */
export async function rowCount(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]!.n);
}
