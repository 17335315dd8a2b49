import { useTranslation } from 'react-i18next';

/** "3 分钟" / "3 min": a duration in seconds in its largest whole unit, in the UI language. */
export function useAge() {
  const { t } = useTranslation();
  return (seconds: number | null): string => {
    if (seconds === null) return '—';
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return t('integration.age.s', { n: s });
    if (s < 3600) return t('integration.age.m', { n: Math.floor(s / 60) });
    if (s < 86_400) return t('integration.age.h', { n: Math.floor(s / 3600) });
    return t('integration.age.d', { n: Math.floor(s / 86_400) });
  };
}
