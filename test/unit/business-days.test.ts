import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addBusinessDays, countBusinessDays, isBusinessDay } from '../../shared/time/business-days';
import { HOLIDAYS_2026 } from '../../shared/time/holidays-2026';
import { weekday } from '../../shared/time/local-date';

const TZ = 'Asia/Shanghai';
const NO_HOLIDAYS = { holidays: [], makeupWorkdays: [] };

describe('isBusinessDay', () => {
  it('is true Monday to Friday and false at weekends on a plain calendar', () => {
    expect(isBusinessDay('2026-11-09', NO_HOLIDAYS)).toBe(true); // Mon
    expect(isBusinessDay('2026-11-13', NO_HOLIDAYS)).toBe(true); // Fri
    expect(isBusinessDay('2026-11-14', NO_HOLIDAYS)).toBe(false); // Sat
    expect(isBusinessDay('2026-11-15', NO_HOLIDAYS)).toBe(false); // Sun
  });

  it('drops public holidays and adds the weekend make-up working days', () => {
    expect(isBusinessDay('2026-10-01', HOLIDAYS_2026)).toBe(false); // Thu, National Day
    expect(isBusinessDay('2026-02-16', HOLIDAYS_2026)).toBe(false); // Mon, Spring Festival
    expect(isBusinessDay('2026-09-20', HOLIDAYS_2026)).toBe(true); // Sun, make-up day
    expect(isBusinessDay('2026-10-10', HOLIDAYS_2026)).toBe(true); // Sat, make-up day
    expect(isBusinessDay('2026-10-11', HOLIDAYS_2026)).toBe(false); // an ordinary Sunday
  });

  it('ships a 2026 calendar whose make-up days all fall at weekends', () => {
    for (const day of HOLIDAYS_2026.makeupWorkdays) expect([0, 6]).toContain(weekday(day));
    expect(HOLIDAYS_2026.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7 + 3);
  });
});

describe('addBusinessDays', () => {
  it('skips the National Day week: opened Tue 2026-09-29, 3 days → end of Fri 10-09', () => {
    expect(addBusinessDays('2026-09-29T10:00:00+08:00', 3, HOLIDAYS_2026, TZ)).toBe('2026-10-09T15:59:59.999Z');
  });

  it('counts the make-up Saturday after National Day: 4 days from 09-29 → end of Sat 10-10', () => {
    expect(addBusinessDays('2026-09-29T10:00:00+08:00', 4, HOLIDAYS_2026, TZ)).toBe('2026-10-10T15:59:59.999Z');
  });

  it('turns a Friday plus 3 business days into the end of next Wednesday in a normal week', () => {
    expect(addBusinessDays('2026-11-06T17:30:00+08:00', 3, HOLIDAYS_2026, TZ)).toBe('2026-11-11T15:59:59.999Z');
  });

  it('counts the make-up Sunday 2026-09-20', () => {
    expect(addBusinessDays('2026-09-18T09:00:00+08:00', 1, HOLIDAYS_2026, TZ)).toBe('2026-09-20T15:59:59.999Z');
    expect(addBusinessDays('2026-09-18T09:00:00+08:00', 1, NO_HOLIDAYS, TZ)).toBe('2026-09-21T15:59:59.999Z');
  });

  it('spans the Spring Festival: Fri 02-13 + 1 → Sat 02-14 (make-up), + 2 → Tue 02-24', () => {
    expect(addBusinessDays('2026-02-13T12:00:00+08:00', 1, HOLIDAYS_2026, TZ)).toBe('2026-02-14T15:59:59.999Z');
    expect(addBusinessDays('2026-02-13T12:00:00+08:00', 2, HOLIDAYS_2026, TZ)).toBe('2026-02-24T15:59:59.999Z');
  });

  it('never counts the start day, even when it is a business day or a weekend', () => {
    expect(addBusinessDays('2026-11-09T00:00:00+08:00', 1, NO_HOLIDAYS, TZ)).toBe('2026-11-10T15:59:59.999Z');
    expect(addBusinessDays('2026-11-07T10:00:00+08:00', 1, NO_HOLIDAYS, TZ)).toBe('2026-11-09T15:59:59.999Z');
    expect(addBusinessDays('2026-11-07T10:00:00+08:00', 0, NO_HOLIDAYS, TZ)).toBe('2026-11-07T15:59:59.999Z');
  });

  it('takes the start day in the policy timezone, not in UTC', () => {
    // Thu 16:30 UTC is already Fri 00:30 in Shanghai: + 1 business day is Monday.
    expect(addBusinessDays('2026-11-05T16:30:00Z', 1, NO_HOLIDAYS, TZ)).toBe('2026-11-09T15:59:59.999Z');
    expect(addBusinessDays('2026-11-05T16:30:00Z', 1, NO_HOLIDAYS, 'UTC')).toBe('2026-11-06T23:59:59.999Z');
  });

  it('rejects a negative or fractional number of days', () => {
    expect(() => addBusinessDays('2026-11-05T16:30:00Z', -1, NO_HOLIDAYS, TZ)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-11-05T16:30:00Z', 1.5, NO_HOLIDAYS, TZ)).toThrow(RangeError);
  });
});

describe('countBusinessDays', () => {
  it('counts days strictly after the start date up to and including the end date', () => {
    expect(countBusinessDays('2026-09-29T10:00:00+08:00', '2026-10-09T09:00:00+08:00', HOLIDAYS_2026, TZ)).toBe(3);
    expect(countBusinessDays('2026-11-06T17:00:00+08:00', '2026-11-09T09:00:00+08:00', HOLIDAYS_2026, TZ)).toBe(1);
    expect(countBusinessDays('2026-09-18T09:00:00+08:00', '2026-09-21T09:00:00+08:00', HOLIDAYS_2026, TZ)).toBe(2);
  });

  it('is 0 on the same local day and when the end is before the start', () => {
    expect(countBusinessDays('2026-11-09T09:00:00+08:00', '2026-11-09T23:00:00+08:00', HOLIDAYS_2026, TZ)).toBe(0);
    expect(countBusinessDays('2026-11-09T09:00:00+08:00', '2026-11-02T09:00:00+08:00', HOLIDAYS_2026, TZ)).toBe(0);
  });

  it('agrees with addBusinessDays all through 2026', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 * 24 * 60 }), fc.integer({ min: 0, max: 15 }), (minute, n) => {
        const from = new Date(start + minute * 60_000).toISOString();
        const due = addBusinessDays(from, n, HOLIDAYS_2026, TZ);
        expect(countBusinessDays(from, due, HOLIDAYS_2026, TZ)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});
