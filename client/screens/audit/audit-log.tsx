import { Alert, Button, Divider, EmptyState, Group, Paper, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTable } from '@tanstack/react-table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { csvExportHref } from '../../components/audit-csv-export';
import { RowCells, TableHead } from '../../components/table-parts';
import { IconAlert, IconSearch } from '../../components/icons';
import { endOfLocalDay, startOfLocalDay } from '../../../shared/time/local-date';
import { DISPLAY_TIME_ZONE } from '../../lib/format';
import { useTRPC, useTRPCClient } from '../../trpc';
import { AuditEventDrawer } from './audit-event-drawer';
import { AUDIT_COLUMN_STYLE, AUDIT_COLUMNS, auditTableFeatures } from './audit-log-columns';
import { AuditLogFilters } from './audit-log-filters';
import { hasLogFilters, type LogFilters } from './audit-search';
import type { AuditEvent, AuditListInput } from './audit-types';
import classes from './audit.module.css';

const PAGE_SIZE = 50;
// The demo's staff and the gateway's callbacks; names seen in the log are added to these.
const KNOWN_ACTORS = ['system'];

function listInput(f: LogFilters): AuditListInput {
  return {
    actor: f.actor,
    action: f.action,
    entityType: f.type,
    entityId: f.id,
    from: f.from ? startOfLocalDay(f.from, DISPLAY_TIME_ZONE) : undefined,
    to: f.to ? endOfLocalDay(f.to, DISPLAY_TIME_ZONE) : undefined,
    limit: PAGE_SIZE,
  };
}

/** Every change of state, newest first, filtered on the server and paged by keyset (load more). */
export function AuditLog({ filters, onChange }: { filters: LogFilters; onChange: (change: Partial<LogFilters>) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = listInput(filters);
  // Not trpc…infiniteQueryOptions: tRPC adds `direction` to an infinite query's input, which
  // the strict audit.list schema refuses.
  const list = useInfiniteQuery({
    queryKey: [...trpc.audit.list.queryKey(input), 'pages'],
    queryFn: ({ pageParam }) => client.audit.list.query({ ...input, cursor: pageParam }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const seenActors = [...new Set([...KNOWN_ACTORS, ...items.map((e) => e.actor)])].sort();
  const [opened, setOpened] = useState<AuditEvent | null>(null);
  const onlyTime = hasLogFilters({ ...filters, from: undefined, to: undefined });

  const exportButton = (
    <Tooltip label={onlyTime ? t('audit.log.exportOnlyTime') : t('audit.log.exportHint')} multiline w={260} withArrow>
      <Button
        component="a"
        href={csvExportHref('audit', { from: filters.from, to: filters.to })}
        download
        size="xs"
        variant="default"
        style={{ flexShrink: 0 }}
        data-testid="audit-export"
      >
        {t('audit.log.export')}
      </Button>
    </Tooltip>
  );

  return (
    <Paper withBorder radius="md">
      <Group justify="space-between" align="flex-end" p="md" pb="sm" gap="sm" wrap="nowrap">
        <AuditLogFilters filters={filters} onChange={onChange} actors={seenActors} />
        {exportButton}
      </Group>
      <Divider />
      {list.isPending ? (
        <Stack gap={6} p="md" aria-busy="true">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} h={44} radius="sm" />
          ))}
        </Stack>
      ) : list.isError && items.length === 0 ? (
        <Alert m="md" color="red" icon={<IconAlert />} title={t('audit.log.loadFailed')} data-testid="audit-log-error">
          <Button size="xs" variant="light" color="red" onClick={() => void list.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        <EmptyState
          py={48}
          icon={<IconSearch size={24} />}
          variant="light"
          title={t('audit.log.emptyTitle')}
          description={hasLogFilters(filters) ? t('audit.log.emptyFiltered') : t('audit.log.emptyBody')}
          maw={480}
          mx="auto"
          data-testid="audit-log-empty"
        />
      ) : (
        <>
          <LogTable items={items} onOpen={setOpened} stale={list.isPlaceholderData} />
          <Group justify="space-between" px="md" py="sm">
            <Text size="xs" c="dimmed" data-testid="audit-log-count">
              {list.hasNextPage ? t('audit.log.shownMore', { count: items.length }) : t('audit.log.shownAll', { count: items.length })}
            </Text>
            {list.hasNextPage && (
              <Group gap="sm">
                {list.isFetchNextPageError && (
                  <Text size="xs" c="red">
                    {t('audit.log.loadMoreFailed')}
                  </Text>
                )}
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => void list.fetchNextPage()}
                  loading={list.isFetchingNextPage}
                  data-testid="audit-load-more"
                >
                  {list.isFetchNextPageError ? t('common.retry') : t('audit.log.loadMore')}
                </Button>
              </Group>
            )}
          </Group>
        </>
      )}
      <AuditEventDrawer event={opened} onClose={() => setOpened(null)} />
    </Paper>
  );
}

function LogTable({ items, onOpen, stale }: { items: AuditEvent[]; onOpen: (e: AuditEvent) => void; stale: boolean }) {
  const table = useTable({ features: auditTableFeatures, columns: AUDIT_COLUMNS, data: items });
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table
        layout="fixed"
        verticalSpacing={8}
        horizontalSpacing="md"
        highlightOnHover
        stickyHeader
        data-testid="audit-log"
        style={{ opacity: stale ? 0.6 : 1 }}
      >
        <TableHead groups={table.getHeaderGroups()} columnStyle={AUDIT_COLUMN_STYLE} />
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr
              key={row.original.id}
              className={classes.row}
              onClick={() => onOpen(row.original)}
              data-testid="audit-event"
              data-event-id={row.original.id}
              data-action={row.original.action}
            >
              <RowCells row={row} columnStyle={AUDIT_COLUMN_STYLE} className={classes.td} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
