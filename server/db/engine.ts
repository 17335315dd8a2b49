import { PostgresAdapter, type QueryExecutor } from 'kysely';

/** The two databases the console runs on (docs/deployment.md): one file, or a PostgreSQL server. */
export type Engine = 'sqlite' | 'postgres';

/**
 * Which engine a Kysely instance (or a transaction of it) talks to. Domain code calls this only
 * where the SQL must differ (server/db/engine-sql.ts holds those differences); every query it
 * builds with Kysely's own builders is the same on both.
 */
export function engineOf(db: { getExecutor(): QueryExecutor }): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** A `postgres://` or `postgresql://` URL: DATABASE_URL names a PostgreSQL database. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
