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
