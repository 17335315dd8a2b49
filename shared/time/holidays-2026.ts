// The demo calendar: China's official 2026 public holidays and make-up working days (调休),
// per the State Council's notice, plus New Year 2027 so SLAs opened in late December resolve.
import type { BusinessCalendar } from './business-days';
import { addDays, type LocalDate } from './local-date';

function range(first: LocalDate, last: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
  return days;
}

export const HOLIDAYS_2026: BusinessCalendar = {
  holidays: [
    ...range('2026-01-01', '2026-01-03'), // 元旦 New Year
    ...range('2026-02-15', '2026-02-23'), // 春节 Spring Festival
    ...range('2026-04-04', '2026-04-06'), // 清明节 Qingming
    ...range('2026-05-01', '2026-05-05'), // 劳动节 Labour Day
    ...range('2026-06-19', '2026-06-21'), // 端午节 Dragon Boat
    ...range('2026-09-25', '2026-09-27'), // 中秋节 Mid-Autumn
    ...range('2026-10-01', '2026-10-07'), // 国庆节 National Day
    ...range('2027-01-01', '2027-01-03'), // 元旦 New Year 2027
  ],
  makeupWorkdays: [
    '2026-01-04', // Sun, for New Year
    '2026-02-14', // Sat, for Spring Festival
    '2026-02-28', // Sat, for Spring Festival
    '2026-05-09', // Sat, for Labour Day
    '2026-09-20', // Sun, for National Day
    '2026-10-10', // Sat, for National Day
  ],
};
