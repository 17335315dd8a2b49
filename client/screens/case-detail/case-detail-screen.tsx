import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/coming-soon';
import { PageHeader } from '../../components/page-header';

const route = getRouteApi('/cases/$caseNo');

export function CaseDetailScreen() {
  const { t } = useTranslation();
  const { caseNo } = route.useParams();
  return (
    <>
      <PageHeader title={t('cases.detail.title', { caseNo })} description={t('cases.detail.subtitle')} />
      <ComingSoon title={t('cases.detail.comingTitle')} description={t('cases.detail.comingBody')} />
    </>
  );
}
