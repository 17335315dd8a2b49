// Bulk writes through the raw better-sqlite3 handle: one prepared statement inserting many rows
// at once (fewer calls into SQLite), reused for the whole table.
import type Database from 'better-sqlite3';

export interface BulkInserter {
  add: (...values: unknown[]) => void;
  flush: () => void;
  readonly rows: number;
}

export function bulkInserter(db: Database.Database, table: string, columns: readonly string[], rowsPerStatement = 50): BulkInserter {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into ${table} (${columns.join(', ')}) values `;
  const many = db.prepare(head + Array(rowsPerStatement).fill(one).join(', '));
  const single = db.prepare(head + one);
  const width = columns.length;
  const buffer: unknown[] = [];
  let rows = 0;
  return {
    add(...values) {
      if (values.length !== width) throw new Error(`${table}: expected ${width} values, got ${values.length}`);
      for (const v of values) buffer.push(v);
      rows++;
      if (buffer.length === width * rowsPerStatement) {
        many.run(buffer);
        buffer.length = 0;
      }
    },
    flush() {
      for (let i = 0; i < buffer.length; i += width) single.run(buffer.slice(i, i + width));
      buffer.length = 0;
    },
    get rows() {
      return rows;
    },
  };
}

/**
 * Drops the secondary indexes of `tables` and returns a function that creates them again from
 * their own stored SQL: building an index once, sorted, is much cheaper than keeping it up to
 * date row by row when its keys arrive in random order (orders by member, members by phone).
 * Primary keys and UNIQUE constraints (their automatic indexes) stay.
 */
export function deferIndexes(db: Database.Database, tables: readonly string[]): () => void {
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`drop index "${name}"`);
  return () => {
    for (const { sql } of indexes) db.exec(sql);
  };
}
