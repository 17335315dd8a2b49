import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { renderTemplate } from '../../../shared/templates';
import type { CaseDetail, CaseQuote, MessageTemplate } from '../../components/case-api-types';
import { Choice } from '../../components/choice';
import { templateVarsFor, type TemplateLocale } from './template-vars';

const TEMPLATE_LOCALES: readonly TemplateLocale[] = ['zh-CN', 'en'];

/**
 * A message drafted from a reply template (the reject and template-reply dialogs): it follows the
 * template until the agent edits it; picking another template or language starts again from it.
 */
export function useTemplateDraft(detail: CaseDetail, quote: CaseQuote | undefined) {
  const [locale, setLocale] = useState<TemplateLocale>('zh-CN');
  // null: the message follows the template; a string: the agent has written their own.
  const [edited, setEdited] = useState<string | null>(null);
  return {
    locale,
    edited,
    edit: setEdited,
    /** The message as it stands: the agent's text, else the template filled from the case. */
    textFrom: (template: MessageTemplate | undefined) =>
      edited ?? (template ? renderTemplate(template.body, templateVarsFor(detail, quote, locale)) : ''),
    followTemplate: () => setEdited(null),
    switchLocale: (next: TemplateLocale) => {
      setLocale(next);
      setEdited(null);
    },
  };
}

/** The language a reply template is drafted in. */
export function TemplateLocaleChoice({ value, onChange }: { value: TemplateLocale; onChange: (locale: TemplateLocale) => void }) {
  const { t } = useTranslation();
  return (
    <Choice
      values={TEMPLATE_LOCALES}
      value={value}
      onChange={onChange}
      labelOf={(locale) => (locale === 'en' ? t('caseDetail.templates.localeEn') : t('caseDetail.templates.localeZh'))}
      aria-label={t('caseDetail.templates.locale')}
    />
  );
}
