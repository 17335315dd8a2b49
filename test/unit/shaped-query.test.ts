import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { OpenedDatabase } from '../../server/db/client';
import { scratchTableEachTest } from '../support/scratch-table';
import type { Db } from '../../server/db/client';
import { shapedQuery, type Slot } from '../../server/db/shaped-query';
import { readNow } from '../../server/db/client';

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

// A shaped read runs on the SQLite connection at once when Kysely neither holds nor awaits it
// (readNow in server/db/client.ts), and through Kysely otherwise.
it('reads at once on a free connection, never inside a transaction another caller holds', async () => {
  const query = shapedQuery((db: Db, _shape: object, slot: Slot<{ v: string }>) =>
    t(db).selectFrom('t').select('id').where('v', '=', slot('v')),
  );
  expect(readNow(opened.db, 'select count(*) as n from t', [])).toEqual([{ n: 10 }]);
  expect(readNow(opened.db, 'delete from t where id = ?', [1])).toBeNull(); // a write goes through Kysely
  expect(await query(opened.db, {}, { v: 'odd' })).toHaveLength(5);

  let outside: Promise<unknown[]> | undefined;
  let seenInside: unknown;
  await opened.db
    .transaction()
    .execute(async (trx) => {
      await t(trx).insertInto('t').values({ id: 100, v: 'new' }).execute();
      expect(readNow(opened.db, 'select 1 as one', [])).toBeNull(); // the transaction holds the connection
      outside = query(opened.db, {}, { v: 'new' }); // waits for it, as any Kysely query does
      seenInside = await query(trx, {}, { v: 'new' }); // the transaction's handle: through Kysely, in it
      throw new Error('roll back');
    })
    .catch(() => {});
  expect(seenInside).toEqual([{ id: 100 }]);
  expect(await outside).toEqual([]); // read after the rollback, not the uncommitted row
  expect(readNow(opened.db, 'select count(*) as n from t', [])).toEqual([{ n: 10 }]);
});
