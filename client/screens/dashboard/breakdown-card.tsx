import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import type { CaseSearchParams } from '../cases/case-search-params';
import { yuanTick } from './chart-format';
import type { Bucket } from './dashboard-types';

export type Metric = 'amount' | 'count';

interface Props {
  id: string;
  title: string;
  rows: Bucket[];
  labelOf: (key: string) => string;
  metric: Metric;
  /** what the split means, where its title alone does not say */
  note?: string;
  /** the cases behind a row: its label, its count and its bar link to them */
  casesOf: (key: string) => CaseSearchParams;
}

/** Refunds paid in the range split one way (reason, channel, plan, agent): bars, then the figures. */
export function BreakdownCard({ id, title, note, rows, labelOf, metric, casesOf }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const total = rows.reduce((s, r) => s + (metric === 'amount' ? r.amountFen : r.count), 0);
  const sorted = [...rows].sort((a, b) => (metric === 'amount' ? b.amountFen - a.amountFen : b.count - a.count));
  const data = sorted.map((r) => ({ name: labelOf(r.key), key: r.key, value: metric === 'amount' ? r.amountFen / 100 : r.count }));
  const open = (key: string) => void navigate({ to: '/cases', search: casesOf(key) });

  return (
    <Paper withBorder radius="md" p="md" h="100%" data-testid={`dash-by-${id}`}>
      <Title order={3} size="h6" mb={note ? 0 : 'xs'}>
        {title}
      </Title>
      {note && (
        <Text size="xs" c="dimmed" mb="xs">
          {note}
        </Text>
      )}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="lg" ta="center">
          {t('dashboard.breakdown.none')}
        </Text>
      ) : (
        <>
          <BarChart
            h={Math.max(96, data.length * 34 + 24)}
            data={data}
            dataKey="name"
            orientation="vertical"
            series={[
              {
                name: 'value',
                color: metric === 'amount' ? 'orange.5' : 'brand.5',
                label: metric === 'amount' ? t('dashboard.daily.amount') : t('dashboard.daily.count'),
              },
            ]}
            gridAxis="x"
            tickLine="none"
            maxBarWidth={18}
            valueFormatter={(v) => (metric === 'amount' ? formatFen(Math.round(v * 100)) : String(v))}
            yAxisProps={{ width: 118, interval: 0 }}
            xAxisProps={{ allowDecimals: false, tickFormatter: (v: number) => (metric === 'amount' ? yuanTick(v) : String(v)) }}
            tooltipAnimationDuration={0}
            barProps={{
              isAnimationActive: false,
              cursor: 'pointer',
              onClick: (entry: { payload?: { key?: string } }) => entry.payload?.key !== undefined && open(entry.payload.key),
            }}
            data-testid="dash-breakdown-chart"
          />
          <Table mt="xs" verticalSpacing={3} horizontalSpacing="xs" fz="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th fw={600} c="dimmed">
                  {title}
                </Table.Th>
                <Table.Th fw={600} c="dimmed" ta="right">
                  {t('dashboard.breakdown.count')}
                </Table.Th>
                <Table.Th fw={600} c="dimmed" ta="right">
                  {t('dashboard.breakdown.amount')}
                </Table.Th>
                <Table.Th fw={600} c="dimmed" ta="right" w={64}>
                  {t('dashboard.breakdown.share')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((r) => (
                <Table.Tr key={r.key} data-testid="dash-breakdown-row" data-key={r.key}>
                  <Table.Td>
                    <Anchor
                      size="xs"
                      title={t('dashboard.breakdown.rowLink', { count: r.count })}
                      renderRoot={(props) => <Link to="/cases" search={casesOf(r.key)} {...props} />}
                      data-testid="dash-breakdown-cases"
                    >
                      {labelOf(r.key)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    <Anchor
                      size="xs"
                      ff="monospace"
                      renderRoot={(props) => <Link to="/cases" search={casesOf(r.key)} {...props} />}
                      data-testid="dash-breakdown-count"
                    >
                      {r.count}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {formatFen(r.amountFen)}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" c="dimmed">
                    {total > 0 ? `${Math.round(((metric === 'amount' ? r.amountFen : r.count) / total) * 100)}%` : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
