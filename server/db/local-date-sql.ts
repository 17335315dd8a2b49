import { sql, type RawBuilder } from 'kysely';
import { zoneOffsetMs } from '../../shared/time/local-date';

// The local calendar date of a stored UTC instant, in SQL. The policy timezone (Asia/Shanghai)
// has no daylight saving, so one offset serves the whole range.
export function localDateSql(column: string, timezone: string, at: Date): RawBuilder<string> {
  const minutes = Math.round(zoneOffsetMs(at.getTime(), timezone) / 60_000);
  return sql<string>`date(${sql.ref(column)}, ${`${minutes >= 0 ? '+' : ''}${minutes} minutes`})`;
}
