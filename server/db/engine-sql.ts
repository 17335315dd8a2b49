import { sql, type QueryExecutor, type RawBuilder } from 'kysely';
import { engineOf } from './engine';

// The few SQL expressions SQLite and PostgreSQL spell differently, each in one place, so the
// domain's queries are written once (docs/deployment.md § PostgreSQL). The local date of an
// instant is in local-date-sql.ts.

type HasExecutor = { getExecutor(): QueryExecutor };

/**
 * A column the planner should not reach through its index (SQLite's unary +, docs/architecture.md
 * § Reading at scale). PostgreSQL has no such hint and no unary + on text: the plain column.
 */
export function unindexed<T>(db: HasExecutor, column: string): RawBuilder<T> {
  return engineOf(db) === 'postgres' ? sql<T>`${sql.ref(column)}` : sql<T>`+${sql.ref(column)}`;
}

/** A JSON array of the values, as text (JSON.parse it): SQLite's json_array, PostgreSQL's json_build_array. */
export function jsonArrayText(db: HasExecutor, columns: string[]): RawBuilder<string> {
  const refs = sql.join(columns.map((c) => sql.ref(c)));
  return engineOf(db) === 'postgres' ? sql<string>`json_build_array(${refs})::text` : sql<string>`json_array(${refs})`;
}

/** Hours from one stored ISO instant to another, fractional. */
export function hoursBetween(db: HasExecutor, from: string, to: string): RawBuilder<number> {
  return engineOf(db) === 'postgres'
    ? sql<number>`extract(epoch from (${sql.ref(to)})::timestamptz - (${sql.ref(from)})::timestamptz) / 3600`
    : sql<number>`(julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 24`;
}

/** A stored ISO instant as epoch milliseconds, 0 when unreadable (as the comms gram table keys it). */
export function epochMs(db: HasExecutor, column: string): RawBuilder<number> {
  return engineOf(db) === 'postgres'
    ? sql<number>`refund_desk_at_ms(${sql.ref(column)})`
    : sql<number>`coalesce(cast(round(unixepoch(${sql.ref(column)}, 'subsec') * 1000) as integer), 0)`;
}

/**
 * Whether a trigram-indexed text holds `fragment` (3+ characters), case-insensitively.
 * SQLite: a phrase match on the FTS5 trigram table (`ftsTable`, which must be in the query);
 * PostgreSQL: ILIKE '%fragment%' on `column`, served by its pg_trgm GIN index.
 * `fragment` is the value (or a shapedQuery slot) made by containsPattern.
 */
export function containsText(db: HasExecutor, ftsTable: string, column: string, fragment: unknown): RawBuilder<boolean> {
  return engineOf(db) === 'postgres'
    ? sql<boolean>`${sql.ref(column)} ilike ${fragment} escape '\\'`
    : sql<boolean>`${sql.table(ftsTable)} match ${fragment}`;
}

/** The value containsText compares with: an FTS5 phrase on SQLite, a LIKE pattern on PostgreSQL. */
export function containsPattern(db: HasExecutor, text: string): string {
  return engineOf(db) === 'postgres' ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : `"${text.replace(/"/g, '""')}"`;
}
