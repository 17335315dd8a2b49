import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { USAGE_COLORS, USAGE_KINDS } from './order-page-types';

export interface UsageChartProps {
  /** one entry per local day of the membership, zeros included */
  data: ({ date: string } & Record<string, number | string>)[];
  markers: { date: string; label: string }[];
  /** the days still to come, shaded: [first future day, last day] */
  future: { from: string; to: string; label: string } | null;
}

// Loaded on its own (React.lazy): the chart library is the heaviest part of the order page,
// and the facts above it should not wait for it.
export default function UsageChart({ data, markers, future }: UsageChartProps) {
  const { t } = useTranslation();
  return (
    <BarChart
      h={220}
      data={data}
      dataKey="date"
      type="stacked"
      series={USAGE_KINDS.map((kind) => ({ name: kind, color: USAGE_COLORS[kind], label: t(`orderVocab.usageKind.${kind}`) }))}
      tickLine="none"
      maxBarWidth={18}
      xAxisProps={{ tickFormatter: (d: string) => d.slice(5), minTickGap: 24 }}
      yAxisProps={{ allowDecimals: false, width: 32 }}
      referenceAreas={
        future
          ? [{ x1: future.from, x2: future.to, color: 'gray.6', fillOpacity: 0.08, label: future.label, labelPosition: 'insideTop' }]
          : []
      }
      referenceLines={markers.map((m) => ({
        x: m.date,
        color: 'orange.6',
        label: m.label,
        labelPosition: 'insideTopRight',
        strokeDasharray: '4 3',
      }))}
      tooltipAnimationDuration={0}
      barProps={{ isAnimationActive: false }}
      data-testid="usage-chart"
    />
  );
}
