import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { OpenedDatabase } from '../../server/db/client';
import { scratchTableEachTest } from '../support/scratch-table';
import { literal } from '../../server/db/literal-limit';

// server/db/client.ts keeps prepared statements by their SQL. A statement still streaming rows
// (a CSV export) is not handed out twice, one abandoned half-way is usable again, and repeated
// queries see fresh data with their own parameters.

let opened: OpenedDatabase;
scratchTableEachTest(
  Array.from({ length: 100 }, (_, i) => `row${i + 1}`),
  (o) => (opened = o),
);

const anyDb = () => opened.db as unknown as Kysely<{ t: { id: number; v: string } }>;
const query = (min: number) => anyDb().selectFrom('t').select('id').where('id', '>', min).orderBy('id');

it('runs the same query again after a stream of it was read to the end or abandoned half-way', async () => {
  let streamed = 0;
  for await (const _row of query(0).stream(10)) streamed++;
  expect(streamed).toBe(100);
  expect((await query(95).execute()).map((r) => r.id)).toEqual([96, 97, 98, 99, 100]);
  // a reader that stops early (a client that went away during an export)
  for await (const row of query(0).stream(10)) if (row.id === 3) break;
  expect((await query(97).execute()).map((r) => r.id)).toEqual([98, 99, 100]);
});

it('answers a repeated query with its own parameters and the data as it is now', async () => {
  expect(await query(98).execute()).toEqual([{ id: 99 }, { id: 100 }]);
  await sql`delete from t where id = 100`.execute(opened.db);
  expect(await query(98).execute()).toEqual([{ id: 99 }]);
  expect(await query(97).execute()).toEqual([{ id: 98 }, { id: 99 }]);
});

it('writes page sizes into the SQL as literals, and refuses anything but a row count', async () => {
  const page = anyDb().selectFrom('t').select('id').orderBy('id').limit(literal(3)).offset(literal(2));
  expect(page.compile().sql).toMatch(/limit 3 offset 2$/);
  expect((await page.execute()).map((r) => r.id)).toEqual([3, 4, 5]);
  for (const bad of [1.5, -1, Number.NaN, 2 ** 60]) expect(() => literal(bad)).toThrow(RangeError);
});
