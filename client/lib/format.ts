import { useTranslation } from 'react-i18next';
import { formatFen } from '../../shared/refund/format';
import { wallClockFormatter } from '../../shared/time/local-date';

// Dates and times are shown in the policy timezone, whatever the desk's computer is set to
// (docs/spec.md §2, §5): agents quote SLA times and refund windows to members in Beijing time. The
// numeric form is the same in both languages (2026-11-24 18:42), unambiguous to everyone.
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

const parts = wallClockFormatter(DISPLAY_TIME_ZONE);

function wallClock(value: string | Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const p of parts.formatToParts(new Date(value))) if (p.type in out) out[p.type as keyof typeof out] = p.value;
  return out;
}

/** 2026-11-24 */
export function formatDate(value: string | Date): string {
  const c = wallClock(value);
  return `${c.year}-${c.month}-${c.day}`;
}

/** 18:42 */
export function formatTime(value: string | Date): string {
  const c = wallClock(value);
  return `${c.hour}:${c.minute}`;
}

/** 2026-11-24 18:42 */
export function formatDateTime(value: string | Date): string {
  return `${formatDate(value)} ${formatTime(value)}`;
}

/** 11月24日 周二 / Tue 24 Nov: a day as people say it, in the UI language. */
export function formatDayName(value: string | Date, lang: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone: DISPLAY_TIME_ZONE, month: 'short', day: 'numeric', weekday: 'short' }).format(
    new Date(value),
  );
}

/** Formatters bound to the current UI language. Money is integer fen everywhere until here. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  return {
    dateTime: formatDateTime,
    date: formatDate,
    time: formatTime,
    dayName: (value: string | Date) => formatDayName(value, lang),
    money: formatFen,
  };
}
