import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrationSummary } from './integration-types';
import { useAge } from './use-age';

interface Figure {
  key: string;
  label: string;
  value: string;
  sub: ReactNode;
  tone?: 'red' | 'orange';
}

/** The headline figures: events in, duplicates, the last event, waiting, refused, refunds and messages out. */
export function IntegrationFigures({ s }: { s: IntegrationSummary }) {
  const { t } = useTranslation();
  const age = useAge();
  const figures: Figure[] = [
    {
      key: 'received',
      label: t('integration.kpi.received'),
      value: String(s.events.lastHour.accepted),
      sub: t('integration.kpi.receivedSub', { day: s.events.lastDay.accepted }),
    },
    {
      key: 'duplicates',
      label: t('integration.kpi.duplicates'),
      value: String(s.events.lastHour.duplicates),
      sub: t('integration.kpi.duplicatesSub'),
    },
    {
      key: 'last',
      label: t('integration.kpi.last'),
      value: s.last ? t('integration.kpi.lastAgo', { ago: age(s.last.sinceSeconds) }) : t('integration.kpi.lastNone'),
      sub: s.last ? t('integration.kpi.lastSub', { type: s.last.type, lag: age(s.last.lagSeconds) }) : '',
      tone: s.last && s.last.sinceSeconds > 3600 ? 'orange' : undefined,
    },
    {
      key: 'parked',
      label: t('integration.kpi.parked'),
      value: String(s.parked.total),
      sub:
        s.parked.overdue > 0
          ? t('integration.kpi.parkedOverdue', { count: s.parked.overdue, days: s.parked.overdueAfterDays })
          : t('integration.kpi.parkedSub'),
      tone: s.parked.overdue > 0 ? 'red' : undefined,
    },
    {
      key: 'refused',
      label: t('integration.kpi.refused'),
      value: String(s.refusals.lastHourBatches),
      sub: t('integration.kpi.refusedSub'),
      tone: s.refusals.lastHourBatches > 0 ? 'orange' : undefined,
    },
    {
      key: 'refunds',
      label: t('integration.kpi.refunds'),
      value: String(s.refunds.pending),
      sub:
        s.refunds.pending > 0
          ? t('integration.kpi.refundsSub', { age: age(s.refunds.oldestAgeSeconds) })
          : t('integration.kpi.refundsNone'),
    },
    {
      key: 'outbox',
      label: t('integration.kpi.outbox'),
      value: String(s.outbox.pending),
      sub: t('integration.kpi.outboxSub', { retrying: s.outbox.retrying, failed: s.outbox.failed }),
      tone: s.outbox.failed > 0 || s.outbox.retrying > 0 ? 'orange' : undefined,
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4, xl: 7 }} spacing="md" mb="md" data-testid="integration-figures">
      {figures.map((f) => (
        <Paper key={f.key} withBorder radius="md" p="md" data-testid={`integration-figure-${f.key}`}>
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={500}>
              {f.label}
            </Text>
            <Text fz={26} fw={650} lh={1.2} c={f.tone} data-value truncate>
              {f.value}
            </Text>
            <Text size="xs" c={f.tone ?? 'dimmed'}>
              {f.sub}
            </Text>
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
