import { Alert, Button, Divider, Group, Loader, Paper, Progress, Stack, Text } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { clean } from '../../lib/url-search';
import { useTRPC, useTRPCClient } from '../../trpc';
import { CommResult } from './comm-result';
import { CommsFilters } from './comms-filters';
import { CommsSearchBox } from './comms-search-box';
import { COMMS_FILTER_KEYS, toCommsInput, type CommsSearchParams } from './comms-search-params';
import { SearchError } from '../../components/search-error';
import { CommsEmpty, CommsSkeleton } from './comms-states';

const route = getRouteApi('/comms');

/** Every communication with members: search the words, narrow by filters, newest first. */
export function CommsScreen() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const input = useMemo(() => toCommsInput(search), [search]);
  // Not trpc's infiniteQueryOptions: it adds the page direction to the input as `direction`,
  // which here is the message's direction (a filter). The key still starts with comms.list's
  // path, so whatever refreshes comms.list (a contact logged on a case) refreshes this too.
  const query = useInfiniteQuery({
    queryKey: [...trpc.comms.list.queryKey(input), 'pages'],
    queryFn: ({ pageParam, signal }) => client.comms.list.query({ ...input, cursor: pageParam }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const items = query.data?.pages.flatMap((p) => p.items);
  const stale = query.isPlaceholderData;
  const narrowed = Boolean(search.q) || COMMS_FILTER_KEYS.some((k) => search[k] !== undefined);

  // Every search is a new history entry, except the pauses of someone still typing.
  function go(next: CommsSearchParams, replace = false) {
    void navigate({ search: clean(next), replace });
  }
  function clearFilters() {
    const next = { ...search };
    for (const key of COMMS_FILTER_KEYS) delete next[key];
    go(next);
  }

  return (
    <>
      <PageHeader title={t('comms.title')} description={t('comms.subtitle')} />
      <Stack gap="sm">
        <Paper withBorder radius="md" p="sm">
          <Stack gap="sm">
            <CommsSearchBox
              q={search.q}
              onSearch={(q, typing) => go({ ...search, q }, typing)}
              busy={query.isFetching && !query.isFetchingNextPage}
            />
            <CommsFilters params={search} onChange={(patch) => go({ ...search, ...patch })} onClear={clearFilters} />
          </Stack>
        </Paper>

        <Paper
          withBorder
          radius="md"
          pos="relative"
          style={{ overflow: 'hidden' }}
          data-testid="comms-results"
          aria-busy={query.isFetching}
        >
          <Group justify="space-between" px="md" py={8} bg="white">
            <Group gap="xs">
              <Text size="sm" fw={600} data-testid="comms-count">
                {!items || stale
                  ? t('common.loading')
                  : items.length > 0 && t(query.hasNextPage ? 'comms.count' : 'comms.countAll', { count: items.length })}
              </Text>
              {query.isFetching && <Loader size={14} role="status" aria-label={t('common.loading')} />}
            </Group>
          </Group>
          <Progress value={100} animated size={2} radius={0} style={{ visibility: query.isFetching ? 'visible' : 'hidden' }} aria-hidden />

          {query.isError && !items ? (
            <SearchError
              error={query.error}
              title={t('comms.error.title')}
              body={t('comms.error.body')}
              badRequestBody={t('comms.error.badRequest')}
              onRetry={() => void query.refetch()}
              recover={{ label: t('comms.filters.clear'), onClick: () => go({}) }}
              testId="comms-error"
            />
          ) : !items ? (
            <CommsSkeleton />
          ) : items.length === 0 ? (
            <CommsEmpty narrowed={narrowed} onClear={() => go({})} />
          ) : (
            <Stack gap={0} style={{ opacity: stale ? 0.55 : 1, transition: 'opacity 120ms' }} data-testid="comms-list">
              {items.map((comm, i) => (
                <Fragment key={comm.commId}>
                  {i > 0 && <Divider color="gray.2" />}
                  <CommResult comm={comm} q={search.q} />
                </Fragment>
              ))}
            </Stack>
          )}

          {items && items.length > 0 && !stale && (
            <Stack gap="xs" align="center" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              {query.isFetchNextPageError && (
                <Alert color="red" py={6} data-testid="comms-more-error">
                  {t('comms.error.more')}
                </Alert>
              )}
              {query.hasNextPage ? (
                <Button
                  size="xs"
                  variant="default"
                  loading={query.isFetchingNextPage}
                  onClick={() => void query.fetchNextPage()}
                  data-testid="comms-more"
                >
                  {t('comms.loadMore')}
                </Button>
              ) : (
                <Text size="xs" c="dimmed" data-testid="comms-end">
                  {t('comms.end')}
                </Text>
              )}
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}
