import { sql, type QueryExecutor, type RawBuilder } from 'kysely';
import { zoneOffsetMs } from '../../shared/time/local-date';
import { engineOf } from './engine';

// The local calendar date of a stored UTC instant, in SQL. The policy timezone (Asia/Shanghai)
// has no daylight saving, so one offset serves the whole range. The offset is written into the
// SQL (an integer): the same expression then reads alike in a select and its GROUP BY, which
// PostgreSQL requires (two bound parameters would be two different expressions to it).
export function localDateSql(db: { getExecutor(): QueryExecutor }, column: string, timezone: string, at: Date): RawBuilder<string> {
  const minutes = Math.round(zoneOffsetMs(at.getTime(), timezone) / 60_000);
  if (engineOf(db) === 'postgres') {
    return sql<string>`to_char((${sql.ref(column)})::timestamptz at time zone 'UTC' + ${sql.lit(minutes)} * interval '1 minute', 'YYYY-MM-DD')`;
  }
  return sql<string>`date(${sql.ref(column)}, ${sql.lit(`${minutes >= 0 ? '+' : ''}${minutes} minutes`)})`;
}
