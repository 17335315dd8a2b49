import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_BUSY_MESSAGE } from '../../server/db/db-errors';
import { openPostgres, type OpenedPostgres } from '../../server/db/postgres-client';
import { WRITE_LOCK_KEY, writeTx } from '../../server/db/write-tx';
import { createTestWorld, type TestWorld } from '../support/test-db';

// writeTx on PostgreSQL (server/db/write-tx.ts): BEGIN, the 5 s lock_timeout and the write lock
// (a transaction-level advisory lock) go to the server as one message. Still: a writer waits for
// the one before it, gives up after 5 s with the busy error, and leaves its connection clean.

let world: TestWorld;
let opened: OpenedPostgres;

beforeAll(async () => {
  world = await createTestWorld();
  if (!world.databaseUrl) throw new Error('run with the PostgreSQL config: npm run test:pg');
  opened = openPostgres(world.databaseUrl, { max: 2 });
});

afterAll(async () => {
  await opened?.close();
  await world?.cleanup();
});

async function holdWriteLock(): Promise<{ release: () => Promise<void> }> {
  const other = new pg.Client({ connectionString: world.databaseUrl! });
  await other.connect();
  await other.query('select pg_advisory_lock($1)', [WRITE_LOCK_KEY]);
  return {
    release: async () => {
      await other.query('select pg_advisory_unlock($1)', [WRITE_LOCK_KEY]);
      await other.end();
    },
  };
}

const setting = async (key: string) =>
  (await opened.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

describe('writeTx on PostgreSQL', () => {
  it('holds the write lock inside, and rolls the callback back when it throws', async () => {
    const locks = await writeTx(opened.db, async (tx) => {
      const r = await sql<{ n: number }>`select count(*)::int as n from pg_locks
        where locktype = 'advisory' and pid = pg_backend_pid() and objid = ${WRITE_LOCK_KEY}`.execute(tx);
      return r.rows[0]!.n;
    });
    expect(locks).toBe(1);
    await expect(
      writeTx(opened.db, async (tx) => {
        await tx.insertInto('settings').values({ key: 'write_tx_a', value: '1' }).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await setting('write_tx_a')).toBeUndefined();
  });

  it('waits for a writer holding the lock and goes on when it lets go', async () => {
    const held = await holdWriteLock();
    const write = writeTx(opened.db, (tx) => tx.insertInto('settings').values({ key: 'write_tx_b', value: '1' }).execute());
    await new Promise((r) => setTimeout(r, 300));
    expect(await setting('write_tx_b')).toBeUndefined();
    await held.release();
    await write;
    expect(await setting('write_tx_b')).toBe('1');
  });

  it('gives up after the lock timeout with the busy error, and the connection is clean after', async () => {
    const held = await holdWriteLock();
    try {
      await expect(
        writeTx(opened.db, (tx) => tx.insertInto('settings').values({ key: 'write_tx_c', value: '1' }).execute()),
      ).rejects.toThrow(DATABASE_BUSY_MESSAGE);
    } finally {
      await held.release();
    }
    expect(await setting('write_tx_c')).toBeUndefined();
    // both connections of the pool are out of any transaction, and the lock timeout was local
    const states = await Promise.all(
      [1, 2].map(() =>
        writeTx(opened.db, async (tx) => {
          const r = await sql<{ t: string }>`select current_setting('lock_timeout') as t`.execute(tx);
          return r.rows[0]!.t;
        }),
      ),
    );
    expect(states).toEqual(['5s', '5s']);
    const outside = await sql<{ t: string }>`select current_setting('lock_timeout') as t`.execute(opened.db);
    expect(outside.rows[0]!.t).toBe('0');
  }, 30_000);
});
