import { Table, type TableProps } from '@mantine/core';
import { FlexRender, type HeaderGroup, type Row, type RowData, type TableFeatures } from '@tanstack/react-table';
import type { CSSProperties, ReactNode } from 'react';

type ColumnStyle = Partial<Record<string, CSSProperties>>;
import classes from './table-parts.module.css';

/** The class of a column heading, for a table that writes its headings by hand. */
export const headingClass = classes.th;

/** A TanStack table's column headings, each with its column's style (width, alignment). */
export function TableHead<TFeatures extends TableFeatures, TData extends RowData>({
  groups,
  columnStyle,
}: {
  groups: HeaderGroup<TFeatures, TData>[];
  columnStyle: ColumnStyle;
}) {
  return (
    <Table.Thead>
      {groups.map((group) => (
        <Table.Tr key={group.id}>
          {group.headers.map((header) => (
            <Table.Th key={header.id} style={columnStyle[header.column.id]} className={classes.th}>
              {header.isPlaceholder ? null : <FlexRender header={header} />}
            </Table.Th>
          ))}
        </Table.Tr>
      ))}
    </Table.Thead>
  );
}

/** A TanStack table row's cells, each with its column's style. */
export function RowCells<TFeatures extends TableFeatures, TData extends RowData>({
  row,
  columnStyle,
  className,
}: {
  row: Row<TFeatures, TData>;
  columnStyle: ColumnStyle;
  className?: string;
}) {
  return row.getAllCells().map((cell) => (
    <Table.Td key={cell.id} style={columnStyle[cell.column.id]} className={className}>
      <FlexRender cell={cell} />
    </Table.Td>
  ));
}

/** A table that scrolls sideways below `minWidth` (and down past `maxHeight`): one row of headings, then the rows. */
export function ScrollTable({
  minWidth,
  maxHeight,
  head,
  children,
  ...table
}: TableProps & { minWidth: number; maxHeight?: number; head: ReactNode; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} maxHeight={maxHeight}>
      <Table {...table}>
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
