// Working days (工作日) for SLAs: Monday to Friday, minus public holidays, plus the weekend days
// that are official make-up working days (调休). The calendar is data an admin edits.
import { z } from 'zod';
import { addDays, endOfLocalDay, isLocalDate, toLocalDate, weekday, type LocalDate } from './local-date';

const localDateSchema = z.string().refine(isLocalDate, { message: 'Expected a date YYYY-MM-DD' });

export const businessCalendarSchema = z.object({
  holidays: z.array(localDateSchema),
  makeupWorkdays: z.array(localDateSchema),
});

export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

type CalendarSets = { holidays: Set<string>; makeupWorkdays: Set<string> };

// Counting a long span tests many dates against the lists; index each calendar object once.
const indexed = new WeakMap<BusinessCalendar, CalendarSets>();

function setsOf(cal: BusinessCalendar): CalendarSets {
  let sets = indexed.get(cal);
  if (!sets) {
    sets = { holidays: new Set(cal.holidays), makeupWorkdays: new Set(cal.makeupWorkdays) };
    indexed.set(cal, sets);
  }
  return sets;
}

export function isBusinessDay(date: LocalDate, cal: BusinessCalendar): boolean {
  const sets = setsOf(cal);
  const day = weekday(date);
  const weekend = day === 0 || day === 6;
  // A make-up day only changes a weekend day, a holiday only a weekday: the lists cannot
  // contradict each other.
  return weekend ? sets.makeupWorkdays.has(date) : !sets.holidays.has(date);
}

/**
 * The SLA due time, as an ISO instant (UTC): the end (23:59:59.999 local) of the Nth business
 * day after the local date of `instantIso`. The day the clock starts never counts, business day
 * or not — a case opened on Monday at 09:00 with n = 1 is due at the end of Tuesday, and one
 * opened on Saturday is due at the end of Monday. With n = 0 it is the end of the start day.
 */
export function addBusinessDays(instantIso: string, n: number, cal: BusinessCalendar, timezone: string): string {
  return addBusinessDaysChecked(instantIso, n, cal, timezone).dueAt;
}

/**
 * The years a calendar covers: a year with any holiday or make-up working day in it is loaded
 * (docs/spec.md §3, "Business days"); a year without any is not, and is counted on weekdays.
 */
export function coveredYears(cal: BusinessCalendar): Set<number> {
  return new Set([...cal.holidays, ...cal.makeupWorkdays].map((d) => Number(d.slice(0, 4))));
}

/**
 * addBusinessDays, saying also whether the count went through a day of a year the calendar
 * does not cover: such a due time is estimated on weekdays and flagged.
 */
export function addBusinessDaysChecked(
  instantIso: string,
  n: number,
  cal: BusinessCalendar,
  timezone: string,
): { dueAt: string; estimated: boolean } {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Business days must be an integer ≥ 0: ${n}`);
  const years = coveredYears(cal);
  let date = toLocalDate(instantIso, timezone);
  let estimated = !years.has(Number(date.slice(0, 4)));
  for (let counted = 0; counted < n;) {
    date = addDays(date, 1);
    if (!years.has(Number(date.slice(0, 4)))) estimated = true;
    if (isBusinessDay(date, cal)) counted += 1;
  }
  return { dueAt: endOfLocalDay(date, timezone), estimated };
}

/** Whether a due time counted from `fromIso` to `dueIso` crossed a year the calendar does not cover. */
export function isEstimatedDue(fromIso: string, dueIso: string, years: ReadonlySet<number>, timezone: string): boolean {
  const first = Number(toLocalDate(fromIso, timezone).slice(0, 4));
  const last = Number(toLocalDate(dueIso, timezone).slice(0, 4));
  for (let y = first; y <= last; y++) if (!years.has(y)) return true;
  return false;
}

/**
 * Business days strictly after the local date of `fromIso`, up to and including the local date
 * of `toIso` — the same counting as addBusinessDays, so countBusinessDays(t, addBusinessDays(t,
 * n)) === n. Zero when `to` is not after `from`.
 */
export function countBusinessDays(fromIso: string, toIso: string, cal: BusinessCalendar, timezone: string): number {
  const last = toLocalDate(toIso, timezone);
  let count = 0;
  for (let date = addDays(toLocalDate(fromIso, timezone), 1); date <= last; date = addDays(date, 1)) {
    if (isBusinessDay(date, cal)) count += 1;
  }
  return count;
}
