import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATEMENTS_PER_CONNECTION } from '../../server/db/named-statements';
import { openPostgres, type OpenedPostgres } from '../../server/db/postgres-client';
import { writeTx } from '../../server/db/write-tx';
import { createTestWorld, type TestWorld } from '../support/test-db';

// The console's statements are prepared by name on each PostgreSQL connection
// (server/db/named-statements.ts): parsed and planned once, the least recently used deallocated
// beyond STATEMENTS_PER_CONNECTION, and a failing statement never breaks the connection or the
// transaction it is in. One connection (max 1), so every query meets the same session.

let world: TestWorld;
let opened: OpenedPostgres;

beforeAll(async () => {
  world = await createTestWorld();
  if (!world.databaseUrl) throw new Error('run with the PostgreSQL config: npm run test:pg');
  opened = openPostgres(world.databaseUrl, { max: 1 });
});

afterAll(async () => {
  await opened?.close();
  await world?.cleanup();
});

const prepared = async () =>
  (await sql<{ statement: string }>`select statement from pg_prepared_statements where not from_sql`.execute(opened.db)).rows.map(
    (r) => r.statement,
  );

describe('named statements on PostgreSQL', () => {
  it('prepares a statement once and runs it with each call’s own values', async () => {
    const text = (n: number) => sql<{ v: number }>`select ${n}::int * 2 as v`.execute(opened.db);
    expect((await text(1)).rows).toEqual([{ v: 2 }]);
    expect((await text(21)).rows).toEqual([{ v: 42 }]);
    const same = (await prepared()).filter((s) => s.includes('* 2 as v'));
    expect(same).toHaveLength(1);
  });

  it('sends BEGIN, COMMIT and SET unnamed, and a transaction sees its own writes', async () => {
    await writeTx(opened.db, async (tx) => {
      await tx.insertInto('settings').values({ key: 'named_test', value: 'a' }).execute();
      const row = await tx.selectFrom('settings').select('value').where('key', '=', 'named_test').executeTakeFirst();
      expect(row?.value).toBe('a');
    });
    const all = await prepared();
    expect(all.some((s) => /^\s*(begin|commit|set)\b/i.test(s))).toBe(false);
    expect(all.some((s) => s.startsWith('insert into "settings"'))).toBe(true);
  });

  it('keeps at most STATEMENTS_PER_CONNECTION, deallocating the least recently used', async () => {
    const first = sql<{ v: number }>`select ${7}::int as v, 'first' as tag`;
    await first.execute(opened.db);
    for (let i = 0; i < STATEMENTS_PER_CONNECTION + 20; i++) await sql`select ${i}::int as ${sql.raw(`v${i}`)}`.execute(opened.db);
    const all = await prepared();
    expect(all.length).toBeLessThanOrEqual(STATEMENTS_PER_CONNECTION);
    expect(all.some((s) => s.includes("'first' as tag"))).toBe(false);
    // the deallocated text prepares again under a new name when it comes back
    expect((await first.execute(opened.db)).rows).toEqual([{ v: 7, tag: 'first' }]);
    expect((await prepared()).some((s) => s.includes("'first' as tag"))).toBe(true);
  });

  it('a statement failing as it runs leaves the connection usable, prepared for next time', async () => {
    const divide = (n: number) => sql<{ v: number }>`select 10 / ${n}::int as v`.execute(opened.db);
    await expect(divide(0)).rejects.toThrow(/division by zero/);
    expect((await divide(5)).rows).toEqual([{ v: 2 }]);
  });

  it('a statement that never parsed is not deallocated: pushing it out cannot abort a transaction', async () => {
    await expect(sql`select no_such_column from settings where key = ${'x'}`.execute(opened.db)).rejects.toThrow(/no_such_column/);
    // it is the oldest now: the next new texts push it out, inside a transaction that must commit
    await writeTx(opened.db, async (tx) => {
      for (let i = 0; i < STATEMENTS_PER_CONNECTION + 5; i++) await sql`select ${i}::int as ${sql.raw(`w${i}`)}`.execute(tx);
      await tx.insertInto('settings').values({ key: 'named_test_2', value: 'b' }).execute();
    });
    const row = await opened.db.selectFrom('settings').select('value').where('key', '=', 'named_test_2').executeTakeFirst();
    expect(row?.value).toBe('b');
  });
});
