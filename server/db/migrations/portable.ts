import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time, like the migrations that use it: the few column and table clauses that SQLite
// and PostgreSQL spell differently, so that one list of migrations builds either database
// (docs/deployment.md). Everything else in a migration is written once for both.

/** True when the migration runs on PostgreSQL. */
export const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** An integer key the database numbers: SQLite's AUTOINCREMENT, PostgreSQL's identity. */
export const serialKey = (db: Kysely<any>) => (c: ColumnDefinitionBuilder) =>
  isPostgres(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

/** An integer key that SQLite numbers as the rowid when none is given (no AUTOINCREMENT). */
export const rowidKey = (db: Kysely<any>) => (c: ColumnDefinitionBuilder) =>
  isPostgres(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey();

/** Bytes: SQLite's blob, PostgreSQL's bytea. */
export const bytesType = (db: Kysely<any>) => (isPostgres(db) ? 'bytea' : 'blob');

/** SQLite's WITHOUT ROWID (a table clustered on its primary key); nothing on PostgreSQL. */
export const withoutRowid = (db: Kysely<any>) => (isPostgres(db) ? sql`` : sql`without rowid`);
