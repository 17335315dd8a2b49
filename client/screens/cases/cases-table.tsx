import { Table } from '@mantine/core';
import { useTable } from '@tanstack/react-table';
import { useNavigate } from '@tanstack/react-router';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { CaseListItem } from '../../components/case-api-types';
import { RowCells, TableHead } from '../../components/table-parts';
import { isPlainKey, isTypingTarget } from '../../lib/keyboard';
import { caseTableFeatures, COLUMN_STYLE, HIDDEN_BELOW, visibleColumns } from './cases-columns';
import classes from './cases-table.module.css';

interface Props {
  items: CaseListItem[];
  withAssignee: boolean;
}

/** The queue's rows. j / k move the highlight, Enter opens the highlighted case. */
export function CasesTable({ items, withAssignee }: Props) {
  const navigate = useNavigate();
  // a narrow window hides the least needed columns rather than clip the right-hand ones
  const narrowest = useMediaQuery(`(max-width: ${HIDDEN_BELOW[0]!.maxWidth})`, false, { getInitialValueInEffect: false });
  const narrow = useMediaQuery(`(max-width: ${HIDDEN_BELOW[1]!.maxWidth})`, false, { getInitialValueInEffect: false });
  const hidden = narrowest ? HIDDEN_BELOW[0]!.ids : narrow ? HIDDEN_BELOW[1]!.ids : [];
  const table = useTable({ features: caseTableFeatures, columns: visibleColumns(withAssignee, hidden), data: items });
  const [active, setActive] = useState(0);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const rows = table.getRowModel().rows;
  const current = Math.min(active, Math.max(0, rows.length - 1));

  const latest = useRef({ rows, current });
  useEffect(() => {
    latest.current = { rows, current };
  });

  useEffect(() => {
    // On window, after the shell's document-level shortcuts: a "g" chord's second key is
    // claimed (default prevented) there before it reaches this handler.
    function onKeyDown(event: KeyboardEvent) {
      if (!isPlainKey(event) || isTypingTarget(event.target) || document.querySelector('[role="dialog"]')) return;
      const { rows: list, current: index } = latest.current;
      if (list.length === 0) return;
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        const next = event.key === 'j' ? Math.min(list.length - 1, index + 1) : Math.max(0, index - 1);
        setActive(next);
        bodyRef.current?.querySelectorAll('tr')[next]?.scrollIntoView({ block: 'nearest' });
      } else if (event.key === 'Enter' && !(event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement)) {
        const row = list[index];
        if (!row) return;
        event.preventDefault();
        void navigate({ to: '/cases/$caseNo', params: { caseNo: row.original.caseNo } });
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  return (
    <Table.ScrollContainer minWidth={narrowest ? 640 : narrow ? 760 : 980}>
      <Table verticalSpacing={6} horizontalSpacing="sm" highlightOnHover stickyHeader data-testid="case-queue">
        <TableHead groups={table.getHeaderGroups()} columnStyle={COLUMN_STYLE} />
        <Table.Tbody ref={bodyRef}>
          {rows.map((row, index) => (
            <Table.Tr
              key={row.id}
              className={classes.row}
              data-active={index === current || undefined}
              aria-selected={index === current}
              data-testid="case-row"
              data-case-no={row.original.caseNo}
              onClick={() => void navigate({ to: '/cases/$caseNo', params: { caseNo: row.original.caseNo } })}
              onMouseEnter={() => setActive(index)}
            >
              <RowCells row={row} columnStyle={COLUMN_STYLE} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
