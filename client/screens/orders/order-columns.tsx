import { columnVisibilityFeature, createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../shared/schemas/orders';

// The orders table's columns, defined once at module level (stable for TanStack Table): their
// headers, which sort and which can be hidden. Sorting and paging happen on the server (manual
// modes); only paid time and amount sort there. The cells are drawn by order-cells.tsx
// (ORDER_CELLS, one renderer per column id), with plain elements rather than a component each.

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
  'orderNo' | 'member' | 'plan' | 'paidFen' | 'refundedFen' | 'status' | 'channel' | 'platform' | 'paidAt' | 'renewal' | 'openCase';

function ColumnTitle({ id }: { id: OrderColumnId }) {
  const { t } = useTranslation();
  return <>{t(`orders.columns.${id}`)}</>;
}

const helper = createColumnHelper<typeof orderTableFeatures, OrderRow>();

export const orderColumns = helper.columns([
  helper.accessor('orderNo', {
    id: 'orderNo',
    header: () => <ColumnTitle id="orderNo" />,
    enableHiding: false,
    enableSorting: false,
  }),
  helper.accessor('nickname', {
    id: 'member',
    header: () => <ColumnTitle id="member" />,
    enableSorting: false,
  }),
  helper.accessor('planCode', {
    id: 'plan',
    header: () => <ColumnTitle id="plan" />,
    enableSorting: false,
  }),
  helper.accessor('paidFen', {
    id: 'paidFen',
    header: () => <ColumnTitle id="paidFen" />,
    sortDescFirst: true,
    meta: { numeric: true },
  }),
  helper.accessor('refundedFen', {
    id: 'refundedFen',
    header: () => <ColumnTitle id="refundedFen" />,
    enableSorting: false,
    meta: { numeric: true },
  }),
  helper.accessor('status', {
    id: 'status',
    header: () => <ColumnTitle id="status" />,
    enableSorting: false,
  }),
  helper.accessor('paymentChannel', {
    id: 'channel',
    header: () => <ColumnTitle id="channel" />,
    enableSorting: false,
  }),
  helper.accessor('platform', {
    id: 'platform',
    header: () => <ColumnTitle id="platform" />,
    enableSorting: false,
  }),
  helper.accessor('paidAt', {
    id: 'paidAt',
    header: () => <ColumnTitle id="paidAt" />,
    sortDescFirst: true,
  }),
  helper.accessor('isRenewal', {
    id: 'renewal',
    header: () => <ColumnTitle id="renewal" />,
    enableSorting: false,
  }),
  helper.accessor('openCaseNo', {
    id: 'openCase',
    header: () => <ColumnTitle id="openCase" />,
    enableSorting: false,
  }),
]);
