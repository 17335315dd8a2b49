import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { columnVisibilityFeature, createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../shared/schemas/orders';
import { AnomalyBadge, OrderStatusBadge, TierBadge } from '../../components/order-badges';
import { formatDateTime } from '../../lib/format';
import { formatFen } from '../../../shared/refund/format';

// The orders table's columns, defined once at module level (stable for TanStack Table).
// Sorting and paging happen on the server (manual modes); only paid time and amount sort there.

export interface OrderColumnMeta {
  /** right-aligned figures (money) */
  numeric?: boolean;
}

export const orderTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnMeta: {} as OrderColumnMeta,
});

export type OrderColumnId =
  | 'orderNo'
  | 'member'
  | 'plan'
  | 'paidFen'
  | 'refundedFen'
  | 'status'
  | 'channel'
  | 'platform'
  | 'paidAt'
  | 'renewal'
  | 'openCase';

function ColumnTitle({ id }: { id: OrderColumnId }) {
  const { t } = useTranslation();
  return <>{t(`orders.columns.${id}`)}</>;
}

function PlanCell({ row }: { row: OrderRow }) {
  const { i18n } = useTranslation();
  const name = i18n.resolvedLanguage === 'en' ? row.planNameEn : row.planNameZh;
  return (
    <Stack gap={2} align="flex-start">
      <Text fz="inherit" truncate="end" maw={200} title={name}>
        {name}
      </Text>
      <TierBadge tier={row.tier} size="xs" />
    </Stack>
  );
}

function ChannelCell({ row }: { row: OrderRow }) {
  const { t } = useTranslation();
  return (
    <Text fz="inherit" style={{ whiteSpace: 'nowrap' }}>
      {t(`orderVocab.channel.${row.paymentChannel}`)}
    </Text>
  );
}

function PlatformCell({ row }: { row: OrderRow }) {
  const { t } = useTranslation();
  return <>{t(`orderVocab.platform.${row.platform}`)}</>;
}

function RenewalCell({ row }: { row: OrderRow }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      {row.autoRenewPlan && (
        <Badge size="xs" variant="light" color="indigo" radius="sm">
          {t('orders.autoRenewPlan')}
        </Badge>
      )}
      {row.isRenewal && (
        <Badge size="xs" variant="light" color="yellow" radius="sm">
          {t('orders.renewalCharge')}
        </Badge>
      )}
    </Group>
  );
}

const helper = createColumnHelper<typeof orderTableFeatures, OrderRow>();

export const orderColumns = helper.columns([
  helper.accessor('orderNo', {
    id: 'orderNo',
    header: () => <ColumnTitle id="orderNo" />,
    enableHiding: false,
    enableSorting: false,
    cell: ({ row }) => (
      <Anchor
        renderRoot={(props) => <Link to="/orders/$orderNo" params={{ orderNo: row.original.orderNo }} {...props} />}
        ff="monospace"
        fz="inherit"
        fw={500}
        onClick={(e) => e.stopPropagation()}
      >
        {row.original.orderNo}
      </Anchor>
    ),
  }),
  helper.accessor('nickname', {
    id: 'member',
    header: () => <ColumnTitle id="member" />,
    enableSorting: false,
    cell: ({ row }) => (
      <Stack gap={0}>
        <Text fz="inherit" truncate="end" maw={160}>
          {row.original.nickname}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {row.original.memberUid}
        </Text>
      </Stack>
    ),
  }),
  helper.accessor('planCode', {
    id: 'plan',
    header: () => <ColumnTitle id="plan" />,
    enableSorting: false,
    cell: ({ row }) => <PlanCell row={row.original} />,
  }),
  helper.accessor('paidFen', {
    id: 'paidFen',
    header: () => <ColumnTitle id="paidFen" />,
    sortDescFirst: true,
    meta: { numeric: true },
    cell: ({ getValue }) => formatFen(getValue()),
  }),
  helper.accessor('refundedFen', {
    id: 'refundedFen',
    header: () => <ColumnTitle id="refundedFen" />,
    enableSorting: false,
    meta: { numeric: true },
    cell: ({ getValue }) =>
      getValue() > 0 ? (
        <Text fz="inherit" c="orange.8">
          {formatFen(getValue())}
        </Text>
      ) : (
        <Text fz="inherit" c="dimmed">
          —
        </Text>
      ),
  }),
  helper.accessor('status', {
    id: 'status',
    header: () => <ColumnTitle id="status" />,
    enableSorting: false,
    cell: ({ row }) => (
      <Group gap={4} wrap="nowrap">
        <OrderStatusBadge status={row.original.status} />
        {row.original.anomaly && <AnomalyBadge anomaly={row.original.anomaly} />}
      </Group>
    ),
  }),
  helper.accessor('paymentChannel', {
    id: 'channel',
    header: () => <ColumnTitle id="channel" />,
    enableSorting: false,
    cell: ({ row }) => <ChannelCell row={row.original} />,
  }),
  helper.accessor('platform', {
    id: 'platform',
    header: () => <ColumnTitle id="platform" />,
    enableSorting: false,
    cell: ({ row }) => <PlatformCell row={row.original} />,
  }),
  helper.accessor('paidAt', {
    id: 'paidAt',
    header: () => <ColumnTitle id="paidAt" />,
    sortDescFirst: true,
    cell: ({ row }) => (
      <Text fz="inherit" c={row.original.paidAt ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(row.original.paidAt ?? row.original.createdAt)}
      </Text>
    ),
  }),
  helper.accessor('isRenewal', {
    id: 'renewal',
    header: () => <ColumnTitle id="renewal" />,
    enableSorting: false,
    cell: ({ row }) => <RenewalCell row={row.original} />,
  }),
  helper.accessor('openCaseNo', {
    id: 'openCase',
    header: () => <ColumnTitle id="openCase" />,
    enableSorting: false,
    cell: ({ getValue }) => {
      const caseNo = getValue();
      return caseNo ? (
        <Anchor
          renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo }} {...props} />}
          ff="monospace"
          size="xs"
          onClick={(e) => e.stopPropagation()}
        >
          {caseNo}
        </Anchor>
      ) : null;
    },
  }),
]);
