import { Alert, Button, Group, Loader, SegmentedControl, Text } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Choice } from '../../components/choice';
import { OrderDateRange } from '../../components/order-date-range';
import { IconRefresh } from '../../components/icons';
import { formatDateTime } from '../../lib/format';
import { formatFen } from '../../../shared/refund/format';
import { useTRPC, useTRPCClient } from '../../trpc';
import { USAGE_COLORS, USAGE_KINDS, type UsageKind, type UsageSummary } from './order-page-types';
import { SectionCard } from './section-card';
import { usageInput, type UsageFilters } from './usage-input';
import { UsageExport } from './usage-export';
import classes from './usage-log.module.css';

const DIRECTIONS = ['desc', 'asc'] as const;
const PAGE = 200;
const ROW_HEIGHT = 30;
const MAX_HEIGHT = 420;
/** start fetching the next page this many rows before the end of what is loaded */
const PREFETCH_ROWS = 60;

const dotColor = (kind: UsageKind) => `var(--mantine-color-${USAGE_COLORS[kind].replace('.', '-')})`;

/**
 * The usage log: paged on the server (keyset), loaded as the agent scrolls, and virtualised so
 * only the visible rows are in the DOM — as fast at 50,000 events as at 50.
 */
export function UsageLog({ orderNo, summary }: { orderNo: string; summary: UsageSummary }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [filters, setFilters] = useState<UsageFilters>({ dir: 'desc' });
  const scrollRef = useRef<HTMLDivElement>(null);

  // Not trpc…infiniteQueryOptions: that adds a `direction` key to the input, which the
  // server's strict input schema refuses. The key is still tRPC's, so invalidating
  // trpc.orders.* reaches this query too.
  const input = usageInput(orderNo, filters, PAGE);
  const query = useInfiniteQuery({
    queryKey: trpc.orders.usage.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.orders.usage.query({ ...input, cursor: pageParam }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const kindLabel = useMemo(
    () => Object.fromEntries(USAGE_KINDS.map((k) => [k, t(`orderVocab.usageKind.${k}`)])) as Record<UsageKind, string>,
    [t],
  );
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isPlaceholderData } = query;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isPlaceholderData && lastIndex >= rows.length - PREFETCH_ROWS) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, isPlaceholderData, fetchNextPage]);

  // A new filter starts at the top of the log.
  function update(patch: Partial<UsageFilters>) {
    setFilters((f) => ({ ...f, ...patch }));
    scrollRef.current?.scrollTo({ top: 0 });
  }

  const expected = filters.from || filters.to ? null : filters.kind ? (summary.byKind[filters.kind]?.count ?? 0) : summary.total;
  const kindData = [
    { value: 'all', label: `${t('orderDetail.usageLog.allKinds')} ${summary.total}` },
    ...USAGE_KINDS.map((k) => ({ value: k, label: `${t(`orderVocab.usageKind.${k}`)} ${summary.byKind[k]?.count ?? 0}` })),
  ];

  return (
    <SectionCard
      title={t('orderDetail.usageLog.title')}
      testId="usage-log"
      actions={<UsageExport orderNo={orderNo} filters={filters} expected={expected} disabled={summary.total === 0} />}
    >
      <Group gap="sm" align="flex-end" mb="sm" wrap="wrap">
        <SegmentedControl
          size="xs"
          data={kindData}
          value={filters.kind ?? 'all'}
          onChange={(v) => update({ kind: v === 'all' ? undefined : (v as UsageKind) })}
          aria-label={t('orderDetail.usageLog.kind')}
          data-testid="usage-kind"
        />
        <OrderDateRange
          label={t('orderDetail.usageLog.dates')}
          from={filters.from}
          to={filters.to}
          onChange={(from, to) => update({ from, to })}
          w={210}
          testId="usage-dates"
        />
        <Choice
          size="xs"
          values={DIRECTIONS}
          labelOf={(dir) => (dir === 'desc' ? t('orderDetail.usageLog.newest') : t('orderDetail.usageLog.oldest'))}
          value={filters.dir}
          onChange={(dir) => update({ dir })}
          aria-label={t('orderDetail.usageLog.order')}
        />
        <Group gap={6} ml="auto" wrap="nowrap">
          {query.isFetching && <Loader size={14} role="status" aria-label={t('common.loading')} />}
          <Text size="xs" c="dimmed" data-testid="usage-loaded">
            {expected !== null
              ? t('orderDetail.usageLog.loadedOf', { loaded: rows.length, total: expected })
              : t('orderDetail.usageLog.loaded', { loaded: rows.length })}
          </Text>
        </Group>
      </Group>

      {query.isError && (
        <Alert color="red" p="xs" mb="xs">
          <Group justify="space-between">
            <Text size="sm">{t('orderDetail.usageLog.failed')}</Text>
            <Button
              size="compact-xs"
              variant="light"
              color="red"
              leftSection={<IconRefresh size={12} />}
              onClick={() => void query.refetch()}
            >
              {t('common.retry')}
            </Button>
          </Group>
        </Alert>
      )}

      <div className={classes.frame} role="table" aria-label={t('orderDetail.usageLog.title')} aria-rowcount={expected ?? undefined}>
        <div className={`${classes.row} ${classes.head}`} role="row">
          <span role="columnheader">{t('orderDetail.usageLog.at')}</span>
          <span role="columnheader">{t('orderDetail.usageLog.kind')}</span>
          <span role="columnheader">{t('orderDetail.usageLog.detail')}</span>
          <span role="columnheader" className={classes.num}>
            {t('orderDetail.usageLog.value')}
          </span>
          <span role="columnheader">{t('orderDetail.usageLog.ip')}</span>
          <span role="columnheader">{t('orderDetail.usageLog.device')}</span>
        </div>
        <div
          ref={scrollRef}
          className={classes.scroll}
          // a short log takes the room it needs; a long one scrolls inside a fixed frame
          style={{
            height: query.isPending
              ? 200
              : rows.length === 0
                ? 120
                : hasNextPage
                  ? MAX_HEIGHT
                  : Math.min(MAX_HEIGHT, rows.length * ROW_HEIGHT + 2),
          }}
          data-testid="usage-scroll"
          data-stale={query.isPlaceholderData || undefined}
        >
          {query.isPending ? (
            <div className={classes.message}>
              <Loader size="sm" role="status" aria-label={t('common.loading')} />
            </div>
          ) : rows.length === 0 && !query.isError ? (
            <div className={classes.message} data-testid="usage-empty">
              <Text size="sm" c="dimmed">
                {summary.total === 0 ? t('orderDetail.usageLog.noneAtAll') : t('orderDetail.usageLog.noneMatch')}
              </Text>
            </div>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
              {items.map((item) => {
                const e = rows[item.index];
                if (!e) return null;
                return (
                  <div
                    key={e.id}
                    role="row"
                    aria-rowindex={item.index + 1}
                    className={classes.row}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
                    data-kind={e.kind}
                  >
                    <span role="cell" className={classes.time}>
                      {formatDateTime(e.at)}
                    </span>
                    <span role="cell" className={classes.kind}>
                      <span className={classes.dot} style={{ background: dotColor(e.kind) }} />
                      {kindLabel[e.kind]}
                    </span>
                    <span role="cell" className={classes.detail} title={e.detail}>
                      {e.detail}
                    </span>
                    <span role="cell" className={classes.num}>
                      {e.valueFen ? formatFen(e.valueFen) : ''}
                    </span>
                    <span role="cell" className={classes.mono}>
                      {e.ip ?? ''}
                    </span>
                    <span role="cell" className={classes.detail}>
                      {e.device ?? ''}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
        {isFetchingNextPage && (
          <div className={classes.footer}>
            <Loader size={12} />{' '}
            <Text size="xs" c="dimmed">
              {t('orderDetail.usageLog.loadingMore')}
            </Text>
          </div>
        )}
      </div>
    </SectionCard>
  );
}
