import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../server/db/client';

/**
 * For each test, a database file of its own (through openDatabase, as the server opens one) with
 * one table `t (id integer primary key, v text)` holding `values` in order; `use` receives it.
 */
export function scratchTableEachTest(values: string[], use: (opened: OpenedDatabase) => void): void {
  let dir: string;
  let opened: OpenedDatabase;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'refund-desk-scratch-'));
    opened = openDatabase(join(dir, 't.db'));
    await sql`create table t (id integer primary key, v text)`.execute(opened.db);
    await sql`insert into t (v) values ${sql.join(values.map((v) => sql`(${v})`))}`.execute(opened.db);
    use(opened);
  });
  afterEach(async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });
}
