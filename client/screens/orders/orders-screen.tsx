import { Code, Group, Text } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../components/coming-soon';
import { PageHeader } from '../../components/page-header';

const route = getRouteApi('/orders');

export function OrdersScreen() {
  const { t } = useTranslation();
  const { q } = route.useSearch();
  return (
    <>
      <PageHeader title={t('orders.title')} description={t('orders.subtitle')} />
      <ComingSoon title={t('orders.comingTitle')} description={t('orders.comingBody')}>
        {q && (
          <Group gap={6} justify="center" w="100%" mt="xs" data-testid="order-query">
            <Text size="sm" c="dimmed">
              {t('orders.yourQuery')}
            </Text>
            <Code>{q}</Code>
          </Group>
        )}
      </ComingSoon>
    </>
  );
}
