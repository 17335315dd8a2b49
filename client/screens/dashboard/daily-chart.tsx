import '@mantine/charts/styles.css';
import { CompositeChart } from '@mantine/charts';
import { Paper, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import { yuanTick } from './chart-format';
import { eachDay, type DayRange } from './dashboard-range';
import { figureCases } from './figure-cases';
import type { DailyPoint } from './dashboard-types';
import { NotedCard } from '../../components/noted-card';

interface Row {
  date: string;
  count: number;
  amount: number;
  amountFen: number;
}

function DailyTooltip({ active, payload, label }: { active?: boolean; payload?: readonly { payload?: Row }[]; label?: unknown }) {
  const { t } = useTranslation();
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <Paper withBorder shadow="md" radius="sm" px="sm" py={6}>
      <Text size="xs" fw={600} mb={2}>
        {String(label)}
      </Text>
      <Text size="xs">{t('dashboard.daily.tooltipCount', { count: row.count })}</Text>
      <Text size="xs">{t('dashboard.daily.tooltipAmount', { amount: formatFen(row.amountFen) })}</Text>
      {row.count > 0 && (
        <Text size="xs" c="dimmed" mt={2}>
          {t('dashboard.daily.dayHint')}
        </Text>
      )}
    </Paper>
  );
}

/** Refunds paid per day in the range: count as bars (left axis), amount as a line (right axis). A bar opens that day's cases. */
export function DailyChart({ daily, range }: { daily: DailyPoint[]; range: DayRange }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const openDay = (date: string | undefined) => date && void navigate({ to: '/cases', search: figureCases.day(date) });
  const byDate = new Map(daily.map((d) => [d.date, d]));
  const data: Row[] = eachDay(range).map((date) => {
    const d = byDate.get(date);
    return { date, count: d?.count ?? 0, amount: (d?.amountFen ?? 0) / 100, amountFen: d?.amountFen ?? 0 };
  });
  const days = data.length;

  return (
    <NotedCard
      title={t('dashboard.daily.title')}
      note={
        <>
          {t('dashboard.daily.note')} · {t('dashboard.daily.dayHint')}
        </>
      }
      testId="dash-daily"
    >
      <CompositeChart
        h={260}
        data={data}
        dataKey="date"
        withLegend
        legendProps={{ verticalAlign: 'top', height: 32 }}
        series={[
          { name: 'count', label: t('dashboard.daily.count'), color: 'brand.5', type: 'bar' },
          { name: 'amount', label: t('dashboard.daily.amount'), color: 'orange.6', type: 'line', yAxisId: 'right' },
        ]}
        withRightYAxis
        tickLine="none"
        gridAxis="x"
        maxBarWidth={days > 60 ? 8 : 18}
        withDots={days <= 45}
        curveType="linear"
        xAxisProps={{ tickFormatter: (d: string) => d.slice(5), minTickGap: 28 }}
        yAxisProps={{ allowDecimals: false, width: 36 }}
        rightYAxisProps={{ tickFormatter: yuanTick, width: 56 }}
        tooltipProps={{
          content: (props) => (
            <DailyTooltip active={props.active} payload={props.payload as readonly { payload?: Row }[]} label={props.label} />
          ),
        }}
        tooltipAnimationDuration={0}
        barProps={{
          isAnimationActive: false,
          cursor: 'pointer',
          onClick: (entry: { payload?: Row }) => openDay(entry.payload?.date),
        }}
        lineProps={{ isAnimationActive: false }}
        data-testid="dash-daily-chart"
      />
    </NotedCard>
  );
}
