import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/coming-soon';
import { PageHeader } from '../../components/page-header';

export function DashboardScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.subtitle')} />
      <ComingSoon title={t('dashboard.comingTitle')} description={t('dashboard.comingBody')} />
    </>
  );
}
