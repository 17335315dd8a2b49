import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { useTRPC } from '../../trpc';
import type { OrderDetail } from './order-page-types';

/**
 * Whether the policy in force refunds nothing on this order's type of plan (a promo or
 * co-branded plan: its tier is not in refundableTiers), a duplicate charge aside, which is
 * refunded whatever the tier (the engine's rule, shared/refund/compute-refund.ts). Said before
 * the agent computes ¥0, when the order and the open-case form are in front of them.
 */
export function useNotRefundable(order: Pick<OrderDetail, 'tier' | 'anomaly'>): boolean {
  const trpc = useTRPC();
  const policy = useQuery({ ...trpc.policy.current.queryOptions(), staleTime: 60_000 });
  if (!policy.data) return false;
  return !policy.data.refundableTiers.includes(order.tier) && order.anomaly !== 'duplicate_charge';
}

export function NotRefundableNotice({ order, compact = false }: { order: Pick<OrderDetail, 'tier' | 'anomaly'>; compact?: boolean }) {
  const { t } = useTranslation();
  if (!useNotRefundable(order)) return null;
  return (
    <Alert
      color="orange"
      icon={<IconAlert size={18} />}
      p={compact ? 'xs' : undefined}
      title={compact ? undefined : t('orderDetail.notRefundable.title')}
      data-testid="not-refundable"
    >
      <Text size={compact ? 'xs' : 'sm'}>
        {t('orderDetail.notRefundable.body', { tier: t(`orderDetail.notRefundable.tier.${order.tier}`) })}
      </Text>
    </Alert>
  );
}
