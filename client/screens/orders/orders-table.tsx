import { Table, UnstyledButton } from '@mantine/core';
import { useTable, type ColumnVisibilityState as ColumnVisibility, type SortingState, type Updater } from '@tanstack/react-table';
import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../shared/schemas/orders';
import { IconChevronDown } from '../../components/icons';
import { ORDER_CELLS, type CellLabels } from './order-cells';
import { orderColumns, orderTableFeatures, type OrderColumnId } from './order-columns';
import type { OrderSortKey, SortDir } from './order-search-params';
import type { Density } from './use-orders-table-prefs';
import classes from './orders-table.module.css';
import { useInLanguage } from '../../i18n/use-in-language';

interface Props {
  rows: OrderRow[];
  sort: OrderSortKey;
  dir: SortDir;
  onSort: (sort: OrderSortKey, dir: SortDir) => void;
  columnVisibility: ColumnVisibility;
  onColumnVisibilityChange: (updater: Updater<ColumnVisibility>) => void;
  density: Density;
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (orderNo: string) => void;
  /** the pointer rests on a row: a chance to fetch the order before it is opened */
  onIntent: (orderNo: string) => void;
  /** the rows on screen are the previous page's while the next one loads */
  stale: boolean;
}

const NUMERIC = new Set<string>(orderColumns.filter((column) => column.meta?.numeric).map((column) => column.id as string));

interface RowProps {
  order: OrderRow;
  index: number;
  selected: boolean;
  /** the visible columns, in order (TanStack's column visibility) */
  columns: readonly OrderColumnId[];
  labels: CellLabels;
}

/**
 * One order, as plain <tr>/<td> (order-cells draws the contents). Memoised: moving the
 * selection with j/k re-renders the two rows it leaves and enters, not the whole page. Clicks
 * and hover are handled once, on the <tbody>.
 */
const OrderTableRow = memo(function OrderTableRow({ order, index, selected, columns, labels }: RowProps) {
  return (
    <tr
      data-index={index}
      data-order-no={order.orderNo}
      className={classes.row}
      aria-selected={selected}
      data-selected={selected || undefined}
    >
      {columns.map((id) => (
        <td key={id} className={NUMERIC.has(id) ? classes.numeric : undefined}>
          {ORDER_CELLS[id](order, labels)}
        </td>
      ))}
    </tr>
  );
});

/** The row an event happened in, if it is one of this body's order rows. */
function orderRowOf(body: HTMLElement, target: EventTarget | null): HTMLTableRowElement | null {
  const row = target instanceof Element ? target.closest<HTMLTableRowElement>('tr[data-order-no]') : null;
  return row && body.contains(row) ? row : null;
}

/** The server-sorted, server-paged orders (manual modes): the table only lays them out. */
export function OrdersTable(props: Props) {
  const { rows, sort, dir, onSort, columnVisibility, onColumnVisibilityChange, density, selected, onSelect, onOpen, onIntent, stale } =
    props;
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  const labels = useMemo<CellLabels>(() => ({ t, inLanguage }), [t, inLanguage]);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  const sorting: SortingState = [{ id: sort, desc: dir === 'desc' }];
  const table = useTable({
    features: orderTableFeatures,
    columns: orderColumns,
    data: rows,
    getRowId: (row) => row.orderNo,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first && (first.id === 'paidAt' || first.id === 'paidFen')) onSort(first.id, first.desc ? 'desc' : 'asc');
    },
    onColumnVisibilityChange,
  });

  // Which columns show is TanStack's column visibility; the rows get the ids as one stable array
  // (a new one only when the choice changes), so a memoised row re-renders only when it must.
  const visibleKey = table
    .getVisibleLeafColumns()
    .map((column) => column.id)
    .join(',');
  const columns = useMemo(() => visibleKey.split(',') as OrderColumnId[], [visibleKey]);

  // A click anywhere in a row opens its order (its links stop the click on their way out).
  function onBodyClick(event: MouseEvent<HTMLTableSectionElement>) {
    const row = orderRowOf(event.currentTarget, event.target);
    if (!row) return;
    onSelect(Number(row.dataset.index));
    onOpen(row.dataset.orderNo!);
  }

  // The pointer enters a row: a row's mouseenter, delegated (over an element of this row, coming
  // from outside it).
  function onBodyMouseOver(event: MouseEvent<HTMLTableSectionElement>) {
    const row = orderRowOf(event.currentTarget, event.target);
    if (row && row !== orderRowOf(event.currentTarget, event.relatedTarget)) onIntent(row.dataset.orderNo!);
  }

  // Keep the keyboard-selected row in view as j/k move it.
  useEffect(() => {
    if (selected < 0) return;
    bodyRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table
        className={classes.table}
        data-density={density}
        data-stale={stale || undefined}
        highlightOnHover
        stickyHeader
        verticalSpacing={density === 'compact' ? 4 : 10}
        horizontalSpacing="sm"
        fz={density === 'compact' ? 13 : 'sm'}
        aria-label={t('orders.tableLabel')}
        aria-busy={stale}
        data-testid="orders-table"
      >
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const column = header.column;
                const numeric = column.columnDef.meta?.numeric;
                const sorted = column.getIsSorted();
                const label = <table.FlexRender header={header} />;
                return (
                  <Table.Th
                    key={header.id}
                    className={numeric ? classes.numeric : undefined}
                    aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {column.getCanSort() ? (
                      <UnstyledButton
                        className={classes.sortButton}
                        onClick={column.getToggleSortingHandler()}
                        data-active={sorted ? true : undefined}
                        data-testid={`sort-${column.id}`}
                      >
                        {label}
                        <IconChevronDown size={14} className={classes.sortIcon} data-dir={sorted || undefined} />
                      </UnstyledButton>
                    ) : (
                      label
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <tbody ref={bodyRef} onClick={onBodyClick} onMouseOver={onBodyMouseOver}>
          {table.getRowModel().rows.map((row, index) => (
            <OrderTableRow
              key={row.id}
              order={row.original}
              index={index}
              selected={index === selected}
              columns={columns}
              labels={labels}
            />
          ))}
        </tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
