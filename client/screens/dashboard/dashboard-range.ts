import { addDays, daysBetween, isLocalDate, toLocalDate } from '../../../shared/time/local-date';
import { DISPLAY_TIME_ZONE } from '../../lib/format';

// The dashboard's range: two local dates (Beijing), both ends included, kept in the URL
// (?from=&to=) so a view can be shared. No range in the URL means the last 30 days.

export interface DayRange {
  from: string;
  to: string;
}

export const MAX_RANGE_DAYS = 732;

export function todayLocal(): string {
  return toLocalDate(Date.now(), DISPLAY_TIME_ZONE);
}

export function lastDays(n: number, today = todayLocal()): DayRange {
  return { from: addDays(today, -(n - 1)), to: today };
}

export function readRange(raw: Record<string, unknown>): DayRange & { isDefault: boolean } {
  const from = typeof raw.from === 'string' && isLocalDate(raw.from) ? raw.from : undefined;
  const to = typeof raw.to === 'string' && isLocalDate(raw.to) ? raw.to : undefined;
  if (!from || !to) return { ...lastDays(30), isDefault: true };
  const [a, b] = from <= to ? [from, to] : [to, from];
  // A range longer than two years is cut to its last two years (the charts stay readable).
  return { from: daysBetween(a, b) >= MAX_RANGE_DAYS ? addDays(b, -(MAX_RANGE_DAYS - 1)) : a, to: b, isDefault: false };
}

export function rangeDays(range: DayRange): number {
  return daysBetween(range.from, range.to) + 1;
}

/** Every day of the range, so days without a refund show as zero instead of disappearing. */
export function eachDay(range: DayRange): string[] {
  const days: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) days.push(d);
  return days;
}

export function monthStart(date: string): string {
  return `${date.slice(0, 8)}01`;
}
