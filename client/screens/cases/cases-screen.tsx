import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/coming-soon';
import { PageHeader } from '../../components/page-header';

export function CasesScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('cases.title')} description={t('cases.subtitle')} />
      <ComingSoon title={t('cases.comingTitle')} description={t('cases.comingBody')} />
    </>
  );
}
