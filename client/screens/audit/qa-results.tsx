import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, Paper, Skeleton, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import { headingClass } from '../../components/table-parts';
import type { QaResult } from './audit-types';

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

/** The table's columns after the agent: a right-aligned figure each, in red where it calls for a look. */
const FIGURES: {
  key: 'sampled' | 'reviewed' | 'incorrect' | 'accuracy';
  of: (r: QaResult) => ReactNode;
  red?: (r: QaResult) => boolean;
}[] = [
  { key: 'sampled', of: (r) => r.sampled },
  { key: 'reviewed', of: (r) => r.reviewed },
  { key: 'incorrect', of: (r) => r.incorrect, red: (r) => r.incorrect > 0 },
  { key: 'accuracy', of: (r) => percent(r.correct, r.reviewed) },
];

/** Per agent: how many decisions were drawn, reviewed, and found correct or not. */
export function QaResults() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const results = useQuery(trpc.qa.results.queryOptions());
  const rows = results.data ?? [];
  const total = rows.reduce(
    (s, r) => ({ sampled: s.sampled + r.sampled, reviewed: s.reviewed + r.reviewed, correct: s.correct + r.correct }),
    { sampled: 0, reviewed: 0, correct: 0 },
  );
  const chartData = rows.map((r) => ({ agent: r.agent, correct: r.correct, incorrect: r.incorrect, pending: r.sampled - r.reviewed }));

  return (
    <Paper withBorder radius="md" p="md" h="100%" data-testid="qa-results">
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={3} size="h5">
          {t('audit.qa.results.title')}
        </Title>
        {rows.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('audit.qa.results.total', {
              sampled: total.sampled,
              reviewed: total.reviewed,
              accuracy: percent(total.correct, total.reviewed),
            })}
          </Text>
        )}
      </Group>
      {results.isPending ? (
        <Skeleton h={160} />
      ) : results.isError ? (
        <Text size="sm" c="red">
          {t('audit.qa.loadFailed')}
        </Text>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="lg" ta="center" data-testid="qa-results-empty">
          {t('audit.qa.results.empty')}
        </Text>
      ) : (
        <Group align="flex-start" gap="lg" wrap="nowrap">
          <BarChart
            flex={1}
            miw={0}
            h={Math.max(120, rows.length * 44 + 40)}
            data={chartData}
            dataKey="agent"
            orientation="vertical"
            type="stacked"
            series={[
              { name: 'correct', color: 'teal.6', label: t('audit.qa.verdict.correct') },
              { name: 'incorrect', color: 'red.6', label: t('audit.qa.verdict.incorrect') },
              { name: 'pending', color: 'gray.4', label: t('audit.qa.results.pending') },
            ]}
            withLegend
            legendProps={{ verticalAlign: 'bottom', height: 28 }}
            gridAxis="x"
            tickLine="none"
            maxBarWidth={22}
            yAxisProps={{ width: 70 }}
            xAxisProps={{ allowDecimals: false }}
            tooltipAnimationDuration={0}
            barProps={{ isAnimationActive: false }}
            data-testid="qa-results-chart"
          />
          <Table w={330} verticalSpacing={4} horizontalSpacing="xs" fz="sm" data-testid="qa-results-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th className={headingClass}>{t('audit.qa.results.agent')}</Table.Th>
                {FIGURES.map((figure) => (
                  <Table.Th key={figure.key} className={headingClass} ta="right">
                    {t(`audit.qa.results.${figure.key}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.agent} data-testid="qa-result-row" data-agent={r.agent}>
                  <Table.Td fw={500}>{r.agent}</Table.Td>
                  {FIGURES.map((figure) => (
                    <Table.Td key={figure.key} ta="right" ff="monospace" c={figure.red?.(r) ? 'red' : undefined}>
                      {figure.of(r)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Group>
      )}
    </Paper>
  );
}
