import { useTranslation } from 'react-i18next';
import { formatFen } from '../../shared/refund/format';

// Dates and times are shown in the policy timezone, whatever the desk's computer is set to
// (SPEC §2, §5): agents quote SLA times and refund windows to members in Beijing time.
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

function formatter(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang, { timeZone: DISPLAY_TIME_ZONE, hourCycle: 'h23', ...options });
}

export function formatDateTime(iso: string | Date, lang: string): string {
  return formatter(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

export function formatDate(iso: string | Date, lang: string): string {
  return formatter(lang, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export function formatTime(iso: string | Date, lang: string): string {
  return formatter(lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Formatters bound to the current UI language. Money is integer fen everywhere until here. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'zh-CN';
  return {
    dateTime: (iso: string | Date) => formatDateTime(iso, lang),
    date: (iso: string | Date) => formatDate(iso, lang),
    time: (iso: string | Date) => formatTime(iso, lang),
    money: formatFen,
  };
}
