import { Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { IconCompass } from '../../components/icons';
import { StatusPage } from '../../components/status-page';
import { lastOrderSearch } from '../orders/last-order-search';

/** No order has this number: say so, and lead back to the search. */
export function OrderNotFound({ orderNo }: { orderNo: string }) {
  const { t } = useTranslation();
  return (
    <StatusPage
      testId="order-not-found"
      icon={<IconCompass size={28} />}
      color="gray"
      title={t('orderDetail.notFoundTitle')}
      description={t('orderDetail.notFoundBody', { orderNo })}
      actions={
        <Button renderRoot={(props) => <Link to="/orders" search={lastOrderSearch()} {...props} />}>{t('orderDetail.backToOrders')}</Button>
      }
    />
  );
}
