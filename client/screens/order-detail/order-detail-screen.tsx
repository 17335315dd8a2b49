import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/coming-soon';
import { PageHeader } from '../../components/page-header';

const route = getRouteApi('/orders/$orderNo');

export function OrderDetailScreen() {
  const { t } = useTranslation();
  const { orderNo } = route.useParams();
  return (
    <>
      <PageHeader title={t('orders.detail.title', { orderNo })} description={t('orders.detail.subtitle')} />
      <ComingSoon title={t('orders.detail.comingTitle')} description={t('orders.detail.comingBody')} />
    </>
  );
}
