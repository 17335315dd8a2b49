import { Table, UnstyledButton } from '@mantine/core';
import { useTable, type ColumnVisibilityState as ColumnVisibility, type SortingState, type Updater } from '@tanstack/react-table';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../shared/schemas/orders';
import { IconChevronDown } from '../../components/icons';
import { orderColumns, orderTableFeatures } from './order-columns';
import type { OrderSortKey, SortDir } from './order-search-params';
import type { Density } from './use-orders-table-prefs';
import classes from './orders-table.module.css';

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

/** The server-sorted, server-paged orders (manual modes): the table only lays them out. */
export function OrdersTable(props: Props) {
  const { rows, sort, dir, onSort, columnVisibility, onColumnVisibilityChange, density, selected, onSelect, onOpen, onIntent, stale } = props;
  const { t } = useTranslation();
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
        <Table.Tbody ref={bodyRef}>
          {table.getRowModel().rows.map((row, index) => (
            <Table.Tr
              key={row.id}
              data-index={index}
              data-order-no={row.original.orderNo}
              className={classes.row}
              aria-selected={index === selected}
              data-selected={index === selected || undefined}
              onClick={() => {
                onSelect(index);
                onOpen(row.original.orderNo);
              }}
              onMouseEnter={() => onIntent(row.original.orderNo)}
            >
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id} className={cell.column.columnDef.meta?.numeric ? classes.numeric : undefined}>
                  <table.FlexRender cell={cell} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
