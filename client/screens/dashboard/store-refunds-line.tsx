import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import type { DashboardSummary } from './dashboard-types';

/**
 * Refunds Apple and Google made themselves in the range: counted apart, never in the console's
 * refund figures above (docs/integration.md §6).
 */
export function StoreRefundsLine({ storeRefunds }: { storeRefunds: DashboardSummary['storeRefunds'] }) {
  const { t } = useTranslation();
  const parts = storeRefunds.byStore.map((s) =>
    t('dashboard.storeRefunds.part', { store: t(`dashboard.storeRefunds.store.${s.key}`), count: s.count, amount: formatFen(s.amountFen) }),
  );
  return (
    <Text
      size="sm"
      c="dimmed"
      mb="md"
      data-testid="dash-store-refunds"
      data-count={storeRefunds.count}
      data-amount-fen={storeRefunds.amountFen}
    >
      {storeRefunds.count === 0
        ? t('dashboard.storeRefunds.none')
        : t('dashboard.storeRefunds.some', {
            count: storeRefunds.count,
            amount: formatFen(storeRefunds.amountFen),
            parts: parts.join(' · '),
          })}
    </Text>
  );
}
