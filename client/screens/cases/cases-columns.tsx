import { Anchor, Stack, Text } from '@mantine/core';
import { createColumnHelper, tableFeatures } from '@tanstack/react-table';
import { Link } from '@tanstack/react-router';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import type { CaseListItem } from '../../components/case-api-types';
import { CaseSla, useDurationText, useNow } from '../../components/case-sla';
import { CaseStatusBadge } from '../../components/case-status-badge';
import { formatDateTime } from '../../lib/format';

// The queue's columns, defined once at module level (stable identities for the table).
export const caseTableFeatures = tableFeatures({});
const column = createColumnHelper<typeof caseTableFeatures, CaseListItem>();

type ColumnKey = 'sla' | 'caseNo' | 'status' | 'reason' | 'member' | 'order' | 'paid' | 'assignee' | 'updated';

function Title({ k }: { k: ColumnKey }) {
  const { t } = useTranslation();
  return <>{t(`cases.queue.columns.${k}`)}</>;
}

// status: room for the longest badge in English ("Awaiting approval") uncut at 1024 px
export const COLUMN_STYLE: Partial<Record<string, CSSProperties>> = {
  sla: { width: 150 },
  caseNo: { width: 170 },
  status: { width: 164 },
  paid: { width: 96, textAlign: 'right' },
  assignee: { width: 96 },
  updated: { width: 130 },
};

function ReasonCell({ item }: { item: CaseListItem }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="sm">{t(`cases.reason.${item.reason}`)}</Text>
      <Text size="xs" c="dimmed">
        {t(`cases.intake.${item.channel}`)}
      </Text>
    </Stack>
  );
}

function AssigneeCell({ item }: { item: CaseListItem }) {
  const { t } = useTranslation();
  return item.assignee ? (
    <Text size="sm">{item.assigneeName ?? item.assignee}</Text>
  ) : (
    <Text size="sm" c="dimmed">
      {t('cases.queue.unassigned')}
    </Text>
  );
}

/** Apple waits for the consumption answer (12 h from its request): these cases lead the queue. */
function StoreCountdown({ respondBy }: { respondBy: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const duration = useDurationText();
  const left = Date.parse(respondBy) - now;
  return (
    <Text size="sm" fw={600} c={left < 0 ? 'red' : 'orange'} data-testid="store-countdown">
      {t(left < 0 ? 'cases.sla.appleOverdue' : 'cases.sla.apple', { duration: duration(left) })}
    </Text>
  );
}

const base = [
  column.display({
    id: 'sla',
    header: () => <Title k="sla" />,
    cell: ({ row }) =>
      row.original.storeRespondBy ? (
        <StoreCountdown respondBy={row.original.storeRespondBy} />
      ) : (
        <CaseSla dueAt={row.original.slaDueAt} status={row.original.status} estimated={row.original.slaEstimated} />
      ),
  }),
  column.accessor('caseNo', {
    header: () => <Title k="caseNo" />,
    cell: ({ row }) => (
      <Stack gap={0}>
        <Anchor
          renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo: row.original.caseNo }} {...props} />}
          size="sm"
          ff="monospace"
          fw={600}
          onClick={(e) => e.stopPropagation()}
          data-testid="case-link"
        >
          {row.original.caseNo}
        </Anchor>
        <Text size="xs" c="dimmed">
          {formatDateTime(row.original.createdAt)}
        </Text>
      </Stack>
    ),
  }),
  column.accessor('status', { header: () => <Title k="status" />, cell: ({ row }) => <CaseStatusBadge status={row.original.status} /> }),
  column.accessor('reason', { header: () => <Title k="reason" />, cell: ({ row }) => <ReasonCell item={row.original} /> }),
  column.accessor('nickname', {
    id: 'member',
    header: () => <Title k="member" />,
    cell: ({ row }) => (
      <Stack gap={0}>
        <Text size="sm" lineClamp={1}>
          {row.original.nickname}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {row.original.memberUid}
        </Text>
      </Stack>
    ),
  }),
  column.accessor('orderNo', {
    id: 'order',
    header: () => <Title k="order" />,
    cell: ({ row }) => (
      <Text size="xs" ff="monospace">
        {row.original.orderNo}
      </Text>
    ),
  }),
  column.accessor('paidFen', {
    id: 'paid',
    header: () => <Title k="paid" />,
    cell: ({ row }) => (
      <Text size="sm" ff="monospace">
        {formatFen(row.original.paidFen)}
      </Text>
    ),
  }),
];

const updated = column.accessor('updatedAt', {
  id: 'updated',
  header: () => <Title k="updated" />,
  cell: ({ row }) => (
    <Text size="xs" c="dimmed">
      {formatDateTime(row.original.updatedAt)}
    </Text>
  ),
});

const assignee = column.accessor('assignee', {
  header: () => <Title k="assignee" />,
  cell: ({ row }) => <AssigneeCell item={row.original} />,
});

/** My queue: every case is mine, so no assignee column. */
export const MINE_COLUMNS = column.columns([...base, updated]);
export const TEAM_COLUMNS = column.columns([...base, assignee, updated]);

/**
 * The columns a narrow window leaves out, least needed first, so the rest fit without a
 * horizontal scroll (the case page has them all): below 1400 px the order number and the last
 * update, below 1200 px (a 1024 px laptop) the amount paid too.
 */
export const HIDDEN_BELOW: { maxWidth: string; ids: string[] }[] = [
  { maxWidth: '74.99em', ids: ['order', 'updated', 'paid'] },
  { maxWidth: '87.49em', ids: ['order', 'updated'] },
];

type Column = (typeof TEAM_COLUMNS)[number];
const byHidden = new Map<string, Column[]>();
/** The columns to show with those hidden at this width left out (stable identities per set). */
export function visibleColumns(withAssignee: boolean, hidden: string[]): Column[] {
  const key = `${withAssignee}:${hidden.join(',')}`;
  const cached = byHidden.get(key);
  if (cached) return cached;
  const all: Column[] = withAssignee ? TEAM_COLUMNS : MINE_COLUMNS;
  const cols = all.filter((c) => !hidden.includes(c.id ?? ''));
  byHidden.set(key, cols);
  return cols;
}
