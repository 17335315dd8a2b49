import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** Returns the one of two values that belongs to the UI's language. */
export type InLanguage = <T>(zh: T, en: T) => T;

/**
 * For the words i18next does not hold: names the API and the plan catalogue send in both
 * languages (nameZh/nameEn, planNameZh/planNameEn, labelZh/labelEn) and the date pickers'
 * locale. The function is a new one when the language changes, so memoised rows that take it
 * draw again.
 */
export function useInLanguage(): InLanguage {
  const { i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  return useCallback(<T>(zh: T, english: T): T => (en ? english : zh), [en]);
}
