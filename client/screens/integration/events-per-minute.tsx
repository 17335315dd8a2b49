import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format';
import type { IntegrationSummary } from './integration-types';
import { NotedCard } from '../../components/noted-card';

/** The 60 minutes before `now` (UTC 'YYYY-MM-DDTHH:MM'), oldest first. */
function lastHourMinutes(now: string): string[] {
  const end = Math.floor(Date.parse(now) / 60_000) * 60_000;
  return Array.from({ length: 60 }, (_, i) => new Date(end - (59 - i) * 60_000).toISOString().slice(0, 16));
}

/** A small per-minute chart per event type over the last hour, with its totals. */
export function EventsPerMinute({ s }: { s: IntegrationSummary }) {
  const { t } = useTranslation();
  const minutes = lastHourMinutes(s.now);
  return (
    <NotedCard title={t('integration.chart.title')} note={t('integration.chart.note')} testId="integration-per-minute">
      {s.events.types.length === 0 ? (
        <Text size="sm" c="dimmed" py="md" ta="center">
          {t('integration.chart.empty')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }} spacing="sm">
          {s.events.types.map((type) => {
            const rows = s.events.perMinute.filter((r) => r.type === type);
            const byMinute = new Map(rows.map((r) => [r.minute, r.accepted]));
            const total = rows.reduce((n, r) => n + r.accepted, 0);
            const duplicates = rows.reduce((n, r) => n + r.duplicates, 0);
            const parked = rows.reduce((n, r) => n + r.parked, 0);
            return (
              <Paper key={type} withBorder radius="sm" p="xs" data-testid="integration-type" data-type={type} data-total={total}>
                <Group justify="space-between" gap={4} wrap="nowrap">
                  <Text size="sm" ff="monospace" fw={600} truncate>
                    {type}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t('integration.chart.total', { count: total })}
                  </Text>
                </Group>
                <BarChart
                  h={48}
                  mt={4}
                  data={minutes.map((m) => ({ minute: formatTime(`${m}:00.000Z`), events: byMinute.get(m) ?? 0 }))}
                  dataKey="minute"
                  series={[{ name: 'events', label: type, color: 'brand.5' }]}
                  withXAxis={false}
                  withYAxis={false}
                  gridAxis="none"
                  barProps={{ isAnimationActive: false, minPointSize: 0 }}
                  tooltipAnimationDuration={0}
                  role="img"
                  aria-label={`${type}: ${t('integration.chart.total', { count: total })}`}
                />
                <Text size="xs" c="dimmed" mt={2}>
                  {t('integration.chart.duplicates', { count: duplicates })} · {t('integration.chart.parked', { count: parked })}
                </Text>
              </Paper>
            );
          })}
        </SimpleGrid>
      )}
    </NotedCard>
  );
}
