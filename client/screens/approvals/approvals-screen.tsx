import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/coming-soon';
import { PageHeader } from '../../components/page-header';

export function ApprovalsScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('approvals.title')} description={t('approvals.subtitle')} />
      <ComingSoon title={t('approvals.comingTitle')} description={t('approvals.comingBody')} />
    </>
  );
}
