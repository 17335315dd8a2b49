import { Badge, Button, Checkbox, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaptionedCard, EmptyNote } from '../../components/noted-card';
import { ScrollTable } from '../../components/table-parts';
import { WAITS_FOR } from '../../../shared/schemas/integration';
import { formatDateTime } from '../../lib/format';
import { useTRPC, useTRPCClient } from '../../trpc';
import type { IntegrationSummary } from './integration-types';
import { useAge } from './use-age';

type WaitsFor = (typeof WAITS_FOR)[number];

/** Parked events: a summary by reason, then the events oldest first, paged; never their bodies. */
export function ParkedEvents({ s, refreshKey }: { s: IntegrationSummary; refreshKey: string }) {
  const { t } = useTranslation();
  const age = useAge();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const days = s.parked.overdueAfterDays;
  const [waitsFor, setWaitsFor] = useState<WaitsFor | 'all'>('all');
  const [overdue, setOverdue] = useState(false);
  const input = { limit: 50 as const, ...(waitsFor === 'all' ? {} : { waitsFor }), ...(overdue ? { overdue: true } : {}) };
  // Not trpc…infiniteQueryOptions: tRPC adds `direction` to the input, which the strict schema refuses.
  const list = useInfiniteQuery({
    queryKey: [...trpc.integration.parked.queryKey(input), 'pages', refreshKey],
    queryFn: ({ pageParam }) => client.integration.parked.query({ ...input, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <CaptionedCard testId="integration-parked" title={t('integration.parked.title')} note={t('integration.parked.note', { days })}>
      {s.parked.total === 0 ? (
        <EmptyNote testId="integration-parked-none">{t('integration.parked.none')}</EmptyNote>
      ) : (
        <>
          <Text size="sm" fw={600} mb={4}>
            {t('integration.parked.groupsTitle')}
          </Text>
          <Table withTableBorder={false} verticalSpacing={4} mb="md" data-testid="integration-parked-groups">
            <Table.Tbody>
              {s.parked.groups.map((g) => (
                <Table.Tr key={`${g.waitsFor}/${g.type}`}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {g.type}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t('integration.parked.waitsFor')}: {t(`integration.parked.what.${g.waitsFor}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {t('integration.parked.count', { count: g.count })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {t('integration.parked.oldest', { age: age(g.oldestAgeSeconds) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {g.overdue > 0 && (
                      <Badge color="red" variant="light">
                        {g.overdue} · {t('integration.parked.overdue', { days })}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group gap="md" mb="xs">
            <SegmentedControl
              size="xs"
              value={waitsFor}
              onChange={(v) => setWaitsFor(v as WaitsFor | 'all')}
              data={[
                { value: 'all', label: t('integration.parked.filterAll') },
                ...WAITS_FOR.map((w) => ({ value: w, label: t(`integration.parked.what.${w}`) })),
              ]}
            />
            <Checkbox
              size="xs"
              checked={overdue}
              onChange={(e) => setOverdue(e.currentTarget.checked)}
              label={t('integration.parked.overdueOnly', { days })}
            />
          </Group>
          <ScrollTable
            minWidth={720}
            striped
            highlightOnHover
            verticalSpacing={6}
            data-testid="integration-parked-table"
            head={
              <>
                <Table.Th>{t('integration.parked.event')}</Table.Th>
                <Table.Th>{t('integration.parked.type')}</Table.Th>
                <Table.Th>{t('integration.parked.waitsFor')}</Table.Th>
                <Table.Th>{t('integration.parked.reason')}</Table.Th>
                <Table.Th>{t('integration.parked.occurredAt')}</Table.Th>
                <Table.Th>{t('integration.parked.age')}</Table.Th>
              </>
            }
          >
            {items.map((p) => (
              <Table.Tr key={p.eventId} data-testid="integration-parked-row">
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {p.eventId}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {p.type}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {t(`integration.parked.what.${p.waitsFor}`)}{' '}
                    <Text span ff="monospace" size="xs">
                      {p.waitsKey}
                    </Text>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {p.reason}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{formatDateTime(p.occurredAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text size="xs">{age(p.ageSeconds)}</Text>
                    {p.overdue && (
                      <Badge size="xs" color="red" variant="light">
                        {t('integration.parked.overdue', { days })}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
          {list.hasNextPage && (
            <Group justify="center" mt="sm">
              <Button size="xs" variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('integration.parked.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
    </CaptionedCard>
  );
}
