import { Alert, Button, EmptyState, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconChart, IconRefresh } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { useTRPC } from '../../trpc';
import { PLAN_CATALOGUE } from '../orders/plan-catalogue';
import { Choice } from '../../components/choice';
import { BreakdownCard, type Metric } from './breakdown-card';
import { DailyChart } from './daily-chart';
import { lastDays, rangeDays, readRange, type DayRange } from './dashboard-range';
import type { DashboardSummary } from './dashboard-types';
import { ExportMenu } from './export-menu';
import { figureCases } from './figure-cases';
import { KpiGrid } from './kpi-grid';
import { RangePicker } from './range-picker';
import { SecurityAlerts } from './security-alerts';
import { StoreRefundsLine } from './store-refunds-line';
import { useInLanguage } from '../../i18n/use-in-language';

const METRICS: readonly Metric[] = ['amount', 'count'];

function isEmpty(s: DashboardSummary): boolean {
  const x = s.totals;
  return x.refunds === 0 && x.casesOpened === 0 && x.approvals + x.rejections + x.proposals === 0;
}

/** Refunds at a glance for a range of days: headline figures, refunds per day, and four splits. */
export function DashboardScreen() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const raw = useLocation({ select: (l) => l.search as Record<string, unknown> });
  const range = readRange(raw);
  const summary = useQuery({
    ...trpc.dashboard.summary.queryOptions({ from: range.from, to: range.to }),
    placeholderData: keepPreviousData,
  });
  const [metric, setMetric] = useState<Metric>('amount');
  const setRange = (next: DayRange) => void navigate({ to: '/dashboard', search: next as never });
  const days = rangeDays(range);

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.subtitleRange', { from: range.from, to: range.to, days })}
        actions={
          <>
            <RangePicker value={range} onChange={setRange} />
            <ExportMenu range={range} />
          </>
        }
      />
      {summary.data && <SecurityAlerts alerts={summary.data.securityAlerts} range={range} />}
      {summary.isPending ? (
        <Stack gap="md" aria-busy="true">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
            {Array.from({ length: 8 }, (_, i) => (
              <Skeleton key={i} h={112} radius="md" />
            ))}
          </SimpleGrid>
          <Skeleton h={320} radius="md" />
        </Stack>
      ) : summary.isError ? (
        <Alert color="red" icon={<IconAlert />} title={t('dashboard.loadFailed')} data-testid="dash-error">
          <Button size="xs" variant="light" color="red" leftSection={<IconRefresh size={14} />} onClick={() => void summary.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : isEmpty(summary.data) ? (
        <Paper withBorder radius="md" py={56} px="xl" data-testid="dash-empty">
          <EmptyState
            icon={<IconChart size={26} />}
            variant="light"
            title={t('dashboard.emptyTitle')}
            description={t('dashboard.emptyBody', { from: range.from, to: range.to })}
            maw={520}
            mx="auto"
          >
            <EmptyState.Actions>
              <Button variant="light" onClick={() => setRange(lastDays(120))}>
                {t('dashboard.emptyAction')}
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Paper>
      ) : (
        <div
          style={{ opacity: summary.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
          data-testid="dash-body"
          data-range={`${range.from}/${range.to}`}
          data-stale={summary.isPlaceholderData || undefined}
        >
          <KpiGrid totals={summary.data.totals} exceptions={summary.data.exceptions} days={days} range={range} />
          <StoreRefundsLine storeRefunds={summary.data.storeRefunds} />
          <DailyChart daily={summary.data.daily} range={range} />
          <Breakdowns data={summary.data} metric={metric} onMetric={setMetric} range={range} />
        </div>
      )}
    </>
  );
}

function Breakdowns({
  data,
  metric,
  onMetric,
  range,
}: {
  data: DashboardSummary;
  metric: Metric;
  onMetric: (m: Metric) => void;
  range: DayRange;
}) {
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  const planName = (code: string) => {
    const plan = PLAN_CATALOGUE.find((p) => p.code === code);
    return plan ? inLanguage(plan.nameZh, plan.nameEn) : code;
  };
  return (
    <>
      <Group justify="space-between" align="center" mb="sm">
        <Stack gap={0}>
          <Title order={2} size="h5">
            {t('dashboard.breakdown.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('dashboard.breakdown.note')}
          </Text>
        </Stack>
        <Choice
          size="xs"
          values={METRICS}
          value={metric}
          onChange={onMetric}
          labelOf={(m) => (m === 'amount' ? t('dashboard.breakdown.byAmount') : t('dashboard.breakdown.byCount'))}
          data-testid="dash-metric"
        />
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <BreakdownCard
          id="reason"
          title={t('dashboard.breakdown.reason')}
          rows={data.byReason}
          metric={metric}
          labelOf={(k) => t(`cases.reason.${k as 'other'}`, { defaultValue: k })}
          casesOf={(k) => figureCases.reason(range, k)}
        />
        <BreakdownCard
          id="channel"
          title={t('dashboard.breakdown.channel')}
          rows={data.byChannel}
          metric={metric}
          labelOf={(k) => t(`cases.intake.${k as 'app'}`, { defaultValue: k })}
          casesOf={(k) => figureCases.channel(range, k)}
        />
        <BreakdownCard
          id="plan"
          title={t('dashboard.breakdown.plan')}
          rows={data.byPlan}
          metric={metric}
          labelOf={planName}
          casesOf={(k) => figureCases.plan(range, k)}
        />
        <BreakdownCard
          id="agent"
          title={t('dashboard.breakdown.agent')}
          note={t('dashboard.breakdown.agentNote')}
          rows={data.byAgent}
          metric={metric}
          labelOf={(k) => k}
          casesOf={(k) => figureCases.agent(range, k)}
        />
      </SimpleGrid>
    </>
  );
}
