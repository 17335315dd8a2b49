import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/coming-soon';
import { PageHeader } from '../../components/page-header';

export function CommsScreen() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('comms.title')} description={t('comms.subtitle')} />
      <ComingSoon title={t('comms.comingTitle')} description={t('comms.comingBody')} />
    </>
  );
}
