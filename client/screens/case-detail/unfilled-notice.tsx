import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A message still holding {{placeholders}} the case could not fill: it is not sent until they are written. */
export function UnfilledNotice({ names }: { names: string[] }) {
  const { t } = useTranslation();
  if (names.length === 0) return null;
  return (
    <Alert color="orange" p="xs" data-testid="template-missing">
      {t('caseDetail.templates.missing', { names: names.map((n) => `{{${n}}}`).join(' ') })}
    </Alert>
  );
}
