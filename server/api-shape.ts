import type { Db } from './db/client';

// The API names a column as the database does, in camelCase (`case_no` → `caseNo`): the mappers
// (toComm, toRefund, toAuditEvent) convert a row here and write out only what they rename or parse.

type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** A row's columns under their API names. */
export type ApiShape<Row> = { [K in keyof Row as K extends string ? Camel<K> : K]: Row[K] };

/** The row a `select…(db)` query of a mapper's module reads. */
export type RowOf<Select extends (db: Db) => { executeTakeFirstOrThrow(): Promise<unknown> }> = Awaited<
  ReturnType<ReturnType<Select>['executeTakeFirstOrThrow']>
>;

/** The row with each column under its API name. */
export function apiShape<Row extends object>(row: Row): ApiShape<Row> {
  const shaped: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) shaped[column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  return shaped as ApiShape<Row>;
}
