import { Alert, Center, ColorSwatch, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { formatDate, useFormat } from '../../lib/format';
import { USAGE_COLORS, USAGE_KINDS, type OrderPage } from './order-page-types';
import { SectionCard } from './section-card';
import { dailyUsageSeries, zoomToUse } from './usage-daily';

const loadChart = () => import('./usage-chart');
const UsageChart = lazy(loadChart);

/** Starts fetching the chart's code early, in parallel with the order's data. */
export function preloadUsageChart(): void {
  void loadChart();
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={650} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/** Headline figures of use and the chart of daily use over the membership. */
export function UsageOverview({ page }: { page: OrderPage }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { usage, cases } = page;
  const series = useMemo(() => dailyUsageSeries(page), [page]);
  const markers = useMemo(
    () => cases.map((c) => ({ date: formatDate(c.createdAt), label: t('orderDetail.usage.caseMarker') })),
    [cases, t],
  );
  const zoom = useMemo(
    () =>
      zoomToUse(
        series.days,
        markers.map((m) => m.date),
      ),
    [series, markers],
  );
  const shownEnd = zoom.days[zoom.days.length - 1]?.date ?? series.end;
  const future =
    series.future && series.future <= shownEnd ? { from: series.future, to: shownEnd, label: t('orderDetail.usage.future') } : null;

  return (
    <SectionCard title={t('orderDetail.usage.chartTitle')} testId="usage-overview">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="sm">
        <Stat label={t('orderDetail.usage.total')} value={String(usage.total)} testId="usage-total" />
        <Stat label={t('orderDetail.usage.activeDays')} value={String(usage.activeDays)} />
        <Stat label={t('orderDetail.usage.firstAt')} value={usage.firstAt ? f.dateTime(usage.firstAt) : '—'} />
        <Stat label={t('orderDetail.usage.lastAt')} value={usage.lastAt ? f.dateTime(usage.lastAt) : '—'} />
      </SimpleGrid>
      <Group gap="md" mb="xs">
        {USAGE_KINDS.map((kind) => {
          const k = usage.byKind[kind];
          return (
            <Group key={kind} gap={6} wrap="nowrap">
              <ColorSwatch color={`var(--mantine-color-${USAGE_COLORS[kind].replace('.', '-')})`} size={10} withShadow={false} />
              <Text size="xs">
                {t(`orderVocab.usageKind.${kind}`)} {k?.count ?? 0}
                {k && k.valueFen > 0 && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    (
                    {t(kind === 'discount_use' ? 'orderDetail.usage.saved' : 'orderDetail.usage.perkValue', {
                      amount: f.money(k.valueFen),
                    })}
                    )
                  </Text>
                )}
              </Text>
            </Group>
          );
        })}
      </Group>
      {usage.total === 0 ? (
        <Alert color="gray" icon={<IconAlert size={18} />} data-testid="usage-none">
          <Text size="sm">{page.order.activatedAt ? t('orderDetail.usage.noneButActivated') : t('orderDetail.usage.none')}</Text>
        </Alert>
      ) : (
        <Suspense
          fallback={
            <Center h={220}>
              <Loader size="sm" role="status" aria-label={t('common.loading')} />
            </Center>
          }
        >
          <UsageChart data={zoom.days} markers={markers.filter((m) => m.date <= shownEnd)} future={future} />
          {zoom.rest && (
            <Text size="xs" c="dimmed" mt={4} data-testid="usage-rest">
              {t('orderDetail.usage.rest', { from: zoom.rest.from, to: zoom.rest.to, count: zoom.rest.days })}
              {zoom.rest.pastDays > 0 && t('orderDetail.usage.restPast', { count: zoom.rest.pastDays })}
              {zoom.rest.futureDays > 0 && t('orderDetail.usage.restFuture', { count: zoom.rest.futureDays })}
            </Text>
          )}
        </Suspense>
      )}
    </SectionCard>
  );
}
