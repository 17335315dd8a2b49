// Local calendar dates ('YYYY-MM-DD') in an IANA timezone, computed with Intl only so the same
// code runs in the browser and on the server. Day rules (refund windows, used days, SLA) are
// evaluated in the policy's timezone, never in the host's.

export type LocalDate = string;
/** A day of the week as Date#getUTCDay numbers it: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const DAY_MS = 86_400_000;
const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The ISO-8601 instants we accept: date, time to the minute at least, and an explicit zone.
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function wallClockMs(y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const dt = new Date(Date.UTC(2000, m - 1, d, h, min, s, ms));
  dt.setUTCFullYear(y);
  return dt.getTime();
}

/**
 * Milliseconds since the epoch of an ISO-8601 instant with an explicit offset, or null when the
 * string is not one or names an impossible date. Parsed by hand rather than with Date.parse so
 * every JS engine agrees on what is valid (Date.parse is lenient and engine-specific).
 */
export function parseInstant(iso: string): number | null {
  const m = INSTANT_RE.exec(iso);
  if (!m) return null;
  // Groups 1–5 and 8 are not optional in INSTANT_RE: a match always has them.
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (!isRealDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  let offsetMin = 0;
  const zone = m[8]!.toUpperCase();
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  return wallClockMs(y, mo, d, h, mi, s, ms) - offsetMin * 60_000;
}

/** Like parseInstant, for values that were validated already: throws instead of returning null. */
export function instantMs(iso: string): number {
  const ms = parseInstant(iso);
  if (ms === null) throw new RangeError(`Not an ISO-8601 instant with an offset: ${iso}`);
  return ms;
}

export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE_RE.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function parseLocalDate(date: LocalDate): [number, number, number] {
  const m = LOCAL_DATE_RE.exec(date);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`Not a local date YYYY-MM-DD: ${date}`);
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatUtcDate(ms: number): LocalDate {
  const dt = new Date(ms);
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

// Building an Intl.DateTimeFormat is far slower than using one; quotes and SLA computations
// call these helpers in loops, so keep one formatter per timezone.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter whose parts are an instant's wall clock in `timeZone` (year … second, 24-hour, two digits). */
export function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA timezone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    wallClockFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at an instant in a timezone, expressed as if it were UTC (ms). */
function wallClockAt(ms: number, timeZone: string): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of wallClockFormatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const part = (type: Intl.DateTimeFormatPartTypes): number => {
    const value = parts[type];
    if (value === undefined) throw new Error(`Intl.DateTimeFormat gave no ${type} for ${timeZone}`);
    return value;
  };
  // Some engines still print midnight as hour 24 despite hourCycle h23.
  const hour = part('hour') === 24 ? 0 : part('hour');
  return wallClockMs(part('year'), part('month'), part('day'), hour, part('minute'), part('second'));
}

/** The timezone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return wallClockAt(wholeSecond, timeZone) - wholeSecond;
}

/** The local calendar date of an instant (ISO string or epoch ms) in a timezone. */
export function toLocalDate(instant: string | number, timeZone: string): LocalDate {
  const ms = typeof instant === 'number' ? instant : instantMs(instant);
  return formatUtcDate(wallClockAt(ms, timeZone));
}

/** b − a in whole days: daysBetween('2026-11-01', '2026-11-10') === 9. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ay, am, ad] = parseLocalDate(a);
  const [by, bm, bd] = parseLocalDate(b);
  return Math.round((wallClockMs(by, bm, bd) - wallClockMs(ay, am, ad)) / DAY_MS);
}

export function addDays(date: LocalDate, n: number): LocalDate {
  const [y, m, d] = parseLocalDate(date);
  return formatUtcDate(wallClockMs(y, m, d) + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function weekday(date: LocalDate): Weekday {
  const [y, m, d] = parseLocalDate(date);
  return new Date(wallClockMs(y, m, d)).getUTCDay() as Weekday;
}

/**
 * Epoch ms of the first instant of a local date. That is local midnight, except in zones whose
 * DST switch skips midnight, where the day starts at the switch.
 */
export function startOfLocalDayMs(date: LocalDate, timeZone: string): number {
  const [y, m, d] = parseLocalDate(date);
  const wall = wallClockMs(y, m, d);
  // Two rounds settle the offset whenever midnight exists (the offset at the guess may differ
  // from the offset at the answer when a DST switch lies between them).
  let t = wall - zoneOffsetMs(wall, timeZone);
  t = wall - zoneOffsetMs(t, timeZone);
  if (wallClockAt(t, timeZone) === wall) return t;
  // Midnight does not exist that day: search for the first instant whose local date is `date`.
  let lo = wall - 2 * DAY_MS; // surely the previous day or earlier
  let hi = wall + 2 * DAY_MS; // surely `date` or later
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (toLocalDate(mid, timeZone) < date) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** ISO instant (UTC) of the start of a local date in a timezone. */
export function startOfLocalDay(date: LocalDate, timeZone: string): string {
  return new Date(startOfLocalDayMs(date, timeZone)).toISOString();
}

/** ISO instant (UTC) of the last millisecond of a local date (23:59:59.999 local). */
export function endOfLocalDay(date: LocalDate, timeZone: string): string {
  return new Date(startOfLocalDayMs(addDays(date, 1), timeZone) - 1).toISOString();
}
