import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/coming-soon';
import { PageHeader } from '../../components/page-header';

export function AuditScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.subtitle')} />
      <ComingSoon title={t('audit.comingTitle')} description={t('audit.comingBody')} />
    </>
  );
}
