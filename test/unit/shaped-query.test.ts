import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { OpenedDatabase } from '../../server/db/client';
import { scratchTableEachTest } from '../support/scratch-table';
import type { Db } from '../../server/db/client';
import { shapedQuery, type Slot } from '../../server/db/shaped-query';

// server/db/shaped-query.ts builds a query once per shape and fills its slots on every call.

type T = { t: { id: number; v: string } };
let opened: OpenedDatabase;
scratchTableEachTest(
  Array.from({ length: 10 }, (_, i) => ((i + 1) % 2 ? 'odd' : 'even')),
  (o) => (opened = o),
);
const t = (db: Db) => db as unknown as Kysely<T>;

it('builds each shape once and answers every call with its own values', async () => {
  let builds = 0;
  const query = shapedQuery((db: Db, shape: { byKind: boolean }, slot: Slot<{ kind: string; min: number }>) => {
    builds++;
    let q = t(db).selectFrom('t').select('id').where('id', '>', slot('min')).orderBy('id');
    if (shape.byKind) q = q.where('v', '=', slot('kind'));
    return q;
  });
  const ids = async (byKind: boolean, kind: string, min: number) => (await query(opened.db, { byKind }, { kind, min })).map((r) => r.id);
  expect(await ids(true, 'odd', 0)).toEqual([1, 3, 5, 7, 9]);
  expect(await ids(true, 'even', 5)).toEqual([6, 8, 10]);
  expect(await ids(false, '', 7)).toEqual([8, 9, 10]);
  expect(builds).toBe(2);
});

it('refuses a query that has a value written into it instead of a slot', async () => {
  const query = shapedQuery((db: Db, shape: { kind: string }) => t(db).selectFrom('t').select('id').where('v', '=', shape.kind));
  await expect(query(opened.db, { kind: 'odd' }, {})).rejects.toThrow(/instead of a slot/);
});
