import { Alert, Button, Group, Loader, Paper, Progress, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { isTypingTarget } from '../../lib/keyboard';
import { clean } from '../../lib/url-search';
import { useTRPC } from '../../trpc';
import { rememberOrderSearch } from './last-order-search';
import { OrderFilters } from './order-filters';
import { toSearchInput } from './order-search-input';
import { cursorStack, FILTER_KEYS, type FilterKey, type OrderSearchParams, type OrderSortKey, type SortDir } from './order-search-params';
import { PagerArrows, PagerFooter } from './orders-pager';
import { SearchError } from '../../components/search-error';
import { errorCode } from '../../lib/trpc-errors';
import { OrdersEmpty, OrdersSkeleton } from './orders-states';
import { OrdersTable } from './orders-table';
import { QueryHint } from './query-hint';
import { TableSettings } from './table-settings';
import { useOrdersTablePrefs } from './use-orders-table-prefs';
import { useRowKeys } from './use-row-keys';

const route = getRouteApi('/orders');

export function OrdersScreen() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const prefs = useOrdersTablePrefs();
  const containerRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const router = useRouter();
  const intentTimer = useRef<number | undefined>(undefined);

  useEffect(() => rememberOrderSearch(search), [search]);

  const { input, problems } = useMemo(() => toSearchInput(search), [search]);
  const query = useQuery({ ...trpc.orders.search.queryOptions(input), placeholderData: keepPreviousData });
  const rows = query.data?.items;
  const stack = cursorStack(search);
  const pageNumber = stack.length + 1;
  const stale = query.isPlaceholderData;

  // The keyboard selection belongs to one page of results: a new page starts unselected.
  const pageKey = JSON.stringify(input);
  const [selection, setSelection] = useState({ pageKey, index: -1 });
  const selected = selection.pageKey === pageKey ? selection.index : -1;
  const select = (index: number) => {
    setSelection({ pageKey, index });
    const orderNo = rows?.[index]?.orderNo;
    if (orderNo) prefetchSoon(orderNo);
  };

  // An order the agent is about to open (pointer resting on it, or selected with j/k) is
  // fetched ahead, code and data, so the order page appears at once. The delay keeps a pointer
  // sweeping across the table from fetching every row.
  function prefetchSoon(orderNo: string) {
    window.clearTimeout(intentTimer.current);
    intentTimer.current = window.setTimeout(() => {
      void queryClient.prefetchQuery(trpc.orders.get.queryOptions({ orderNo }));
      void router.preloadRoute({ to: '/orders/$orderNo', params: { orderNo } });
    }, 200);
  }
  useEffect(() => () => window.clearTimeout(intentTimer.current), []);

  // Every change is a new history entry: the back button steps back through searches and pages.
  function go(next: OrderSearchParams) {
    void navigate({ search: clean(next) });
  }

  function setFilters(patch: Partial<Pick<OrderSearchParams, FilterKey>>) {
    go({ ...search, ...patch, pages: undefined });
  }

  function clearFilters() {
    const next = { ...search, pages: undefined };
    for (const key of FILTER_KEYS) delete next[key];
    go(next);
  }

  function sortBy(sort: OrderSortKey, dir: SortDir) {
    go({ ...search, sort, dir, pages: undefined });
  }

  function open(orderNo: string) {
    void navigate({ to: '/orders/$orderNo', params: { orderNo } });
  }

  function nextPage() {
    const cursor = query.data?.nextCursor;
    if (cursor && !stale) go({ ...search, pages: [...stack, cursor].join('.') });
  }

  function previousPage() {
    go({ ...search, pages: stack.slice(0, -1).join('.') || undefined });
  }

  const pager = {
    canPrevious: stack.length > 0,
    canNext: Boolean(query.data?.nextCursor) && !stale,
    onPrevious: previousPage,
    onNext: nextPage,
  };

  useRowKeys({
    count: stale ? 0 : (rows?.length ?? 0),
    selected,
    onSelect: select,
    onOpen: (index) => rows?.[index] && open(rows[index].orderNo),
    containerRef,
  });

  // Esc on the page (after a search the focus is on the page, not in the box) clears the search
  // and its results, as Esc in the search box does; never while a dialog or menu has it.
  const clearQuery = () => go({ ...search, q: undefined, pages: undefined });
  const latestClear = useRef(clearQuery);
  useEffect(() => {
    latestClear.current = search.q ? clearQuery : () => {};
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented || isTypingTarget(event.target)) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[role="dialog"], [role="menu"], [role="listbox"]') || document.querySelector('[role="dialog"]')) return;
      latestClear.current();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const problemText = [problems.amount && t('orders.problems.amount'), problems.dates && t('orders.problems.dates')].filter(Boolean);

  return (
    <>
      <PageHeader title={t('orders.title')} description={t('orders.subtitle')} />
      <Stack gap="sm">
        {search.q && <QueryHint q={search.q} onClear={clearQuery} />}
        <Paper withBorder radius="md" p="sm">
          <OrderFilters params={search} problems={problems} onChange={setFilters} onClear={clearFilters} />
          {problemText.length > 0 && (
            <Text size="xs" c="red" mt="xs" data-testid="filter-problems">
              {problemText.join(' ')}
            </Text>
          )}
        </Paper>

        <Paper withBorder radius="md" pos="relative" ref={containerRef} style={{ overflow: 'hidden' }}>
          <Group justify="space-between" px="sm" py={8} wrap="nowrap" bg="white">
            <Group gap="xs" wrap="nowrap">
              <PagerArrows {...pager} />
              <Text size="sm" fw={600} data-testid="orders-page-info">
                {rows && !stale
                  ? t('orders.pageInfo', { page: pageNumber, count: rows.length })
                  : t('orders.loadingPage', { page: pageNumber })}
              </Text>
              {query.isFetching && <Loader size={14} role="status" aria-label={t('common.loading')} data-testid="orders-loading" />}
            </Group>
            <TableSettings
              columnVisibility={prefs.columnVisibility}
              onColumnVisibilityChange={prefs.setColumnVisibility}
              density={prefs.density}
              onDensityChange={prefs.setDensity}
            />
          </Group>
          <Progress value={100} animated size={2} radius={0} style={{ visibility: query.isFetching ? 'visible' : 'hidden' }} aria-hidden />

          {query.isError && !rows ? (
            <SearchError
              error={query.error}
              title={t('orders.error.title')}
              body={errorCode(query.error) === 'TOO_MANY_REQUESTS' ? t('orders.error.lookupLimit') : t('orders.error.body')}
              badRequestBody={t('orders.error.badRequest')}
              onRetry={() => void query.refetch()}
              recover={{ label: t('orders.firstPage'), onClick: () => go({ ...search, pages: undefined }) }}
              testId="orders-error"
            />
          ) : !rows ? (
            <OrdersSkeleton />
          ) : rows.length === 0 ? (
            <OrdersEmpty
              filtered={FILTER_KEYS.some((k) => search[k] !== undefined)}
              onClearFilters={clearFilters}
              paged={stack.length > 0}
              onFirstPage={() => go({ ...search, pages: undefined })}
            />
          ) : (
            <>
              {query.isError && (
                <Alert color="red" radius={0} py={6}>
                  <Group justify="space-between">
                    <Text size="sm">{t('orders.refreshFailed')}</Text>
                    <Button size="compact-xs" variant="light" color="red" onClick={() => void query.refetch()}>
                      {t('common.retry')}
                    </Button>
                  </Group>
                </Alert>
              )}
              <OrdersTable
                rows={rows}
                sort={input.sort ?? 'paidAt'}
                dir={input.dir ?? 'desc'}
                onSort={sortBy}
                columnVisibility={prefs.columnVisibility}
                onColumnVisibilityChange={(updater) =>
                  prefs.setColumnVisibility((old) => (typeof updater === 'function' ? updater(old) : updater))
                }
                density={prefs.density}
                selected={selected}
                onSelect={select}
                onOpen={open}
                onIntent={prefetchSoon}
                stale={stale}
              />
            </>
          )}

          <PagerFooter page={pageNumber} {...pager} />
        </Paper>
      </Stack>
    </>
  );
}
