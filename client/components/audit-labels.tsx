import type { TFunction } from 'i18next';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { vocabFor, type AuditVocab } from './audit-vocab';

// One subscription to the language for a whole audit view. A log page renders hundreds of
// cells; each calling useTranslation would register its own listeners and re-resolve labels.
const AuditLabelsContext = createContext<{ t: TFunction; vocab: AuditVocab } | null>(null);

export function AuditLabelsProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const value = useMemo(() => ({ t, vocab: vocabFor(lang, t) }), [t, lang]);
  return <AuditLabelsContext.Provider value={value}>{children}</AuditLabelsContext.Provider>;
}

/** The UI language's t and audit vocabulary; needs an AuditLabelsProvider above. */
export function useAuditLabels(): { t: TFunction; vocab: AuditVocab } {
  const value = useContext(AuditLabelsContext);
  if (!value) throw new Error('useAuditLabels() used outside <AuditLabelsProvider>');
  return value;
}
