import { describe, it, expect } from 'vitest';
import {
  addDays,
  daysBetween,
  endOfLocalDay,
  parseInstant,
  startOfLocalDay,
  toLocalDate,
  weekday,
  zoneOffsetMs,
} from '../../shared/time/local-date';

describe('local dates', () => {
  it('gives the calendar date of an instant in the timezone', () => {
    expect(toLocalDate('2026-11-01T15:59:59Z', 'Asia/Shanghai')).toBe('2026-11-01');
    expect(toLocalDate('2026-11-01T16:00:00Z', 'Asia/Shanghai')).toBe('2026-11-02');
    expect(toLocalDate('2026-11-02T00:30:00+08:00', 'UTC')).toBe('2026-11-01');
    expect(toLocalDate('2026-12-31T16:00:00Z', 'Asia/Shanghai')).toBe('2027-01-01');
  });

  it('does date arithmetic across months, years and leap days', () => {
    expect(daysBetween('2026-11-01', '2026-11-10')).toBe(9);
    expect(daysBetween('2026-11-10', '2026-11-01')).toBe(-9);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekday('2026-09-29')).toBe(2); // Tuesday
    expect(weekday('2026-09-20')).toBe(0); // Sunday
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('finds the UTC instants of local midnight and end of day', () => {
    expect(startOfLocalDay('2026-10-09', 'Asia/Shanghai')).toBe('2026-10-08T16:00:00.000Z');
    expect(endOfLocalDay('2026-10-09', 'Asia/Shanghai')).toBe('2026-10-09T15:59:59.999Z');
    expect(zoneOffsetMs(Date.parse('2026-07-01T00:00:00Z'), 'Asia/Shanghai')).toBe(8 * 3_600_000);
  });

  it('handles daylight saving time generically', () => {
    // New York switches to EDT on 2026-03-08 and back to EST on 2026-11-01.
    expect(startOfLocalDay('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfLocalDay('2026-03-08', 'America/New_York')).toBe('2026-03-09T03:59:59.999Z');
    expect(endOfLocalDay('2026-11-01', 'America/New_York')).toBe('2026-11-02T04:59:59.999Z');
    // Santiago skips from 00:00 to 01:00 on 2026-09-06: that day starts at 01:00 local.
    expect(startOfLocalDay('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(endOfLocalDay('2026-09-05', 'America/Santiago')).toBe('2026-09-06T03:59:59.999Z');
  });

  it('parses ISO instants with any offset and rejects impossible ones', () => {
    expect(parseInstant('2026-11-01T10:00:00+08:00')).toBe(Date.parse('2026-11-01T02:00:00Z'));
    expect(parseInstant('2026-11-01T10:00:00.123456-05:30')).toBe(Date.parse('2026-11-01T15:30:00.123Z'));
    expect(parseInstant('2026-02-29T10:00:00Z')).toBeNull();
    expect(parseInstant('2026-11-01T24:00:00Z')).toBeNull();
    expect(parseInstant('2026-11-01T10:00:00')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });
});
