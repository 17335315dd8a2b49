import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import type { CaseSearchParams } from '../cases/case-search-params';
import type { Bucket, Totals } from './dashboard-types';

interface Kpi {
  key: string;
  label: string;
  value: string;
  /** the raw figure, for tests and for anyone reading the DOM */
  raw: number | null;
  sub?: ReactNode;
  tone?: 'red' | 'orange';
  /** the cases behind the figure, where the cases screen can filter for them */
  cases?: { search: CaseSearchParams; label: string };
  help?: string;
}

function pct(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 1000) / 10}%`;
}

/** The headline figures of the range, each with what it counts and, where possible, its cases. */
export function KpiGrid({ totals, exceptions, days }: { totals: Totals; exceptions: Bucket[]; days: number }) {
  const { t } = useTranslation();
  const exceptionCount = exceptions.reduce((s, e) => s + e.count, 0);
  const exceptionFen = exceptions.reduce((s, e) => s + e.amountFen, 0);
  const decided = totals.approvals + totals.rejections;

  const kpis: Kpi[] = [
    {
      key: 'refunds',
      label: t('dashboard.kpi.refunds'),
      value: String(totals.refunds),
      raw: totals.refunds,
      sub: t('dashboard.kpi.refundsSub', { perDay: (totals.refunds / days).toFixed(1) }),
      cases: { search: { view: 'team', status: 'refunded' }, label: t('dashboard.kpi.refundedCases') },
    },
    {
      key: 'amount',
      label: t('dashboard.kpi.amount'),
      value: formatFen(totals.amountFen),
      raw: totals.amountFen,
      sub: totals.refunds > 0 ? t('dashboard.kpi.amountSub', { avg: formatFen(Math.round(totals.amountFen / totals.refunds)) }) : t('dashboard.kpi.none'),
    },
    {
      key: 'approvalRate',
      label: t('dashboard.kpi.approvalRate'),
      value: pct(totals.approvalRate),
      raw: totals.approvalRate,
      sub: t('dashboard.kpi.approvalSub', { approvals: totals.approvals, rejections: totals.rejections, proposals: totals.proposals }),
      help: t('dashboard.kpi.approvalHelp'),
    },
    {
      key: 'rejections',
      label: t('dashboard.kpi.rejections'),
      value: String(totals.rejections),
      raw: totals.rejections,
      sub: decided > 0 ? t('dashboard.kpi.rejectionSub', { rate: pct(totals.rejections / decided) }) : t('dashboard.kpi.none'),
      cases: { search: { view: 'team', status: 'rejected' }, label: t('dashboard.kpi.rejectedCases') },
    },
    {
      key: 'slaBreaches',
      label: t('dashboard.kpi.slaBreaches'),
      value: String(totals.slaBreaches),
      raw: totals.slaBreaches,
      tone: totals.slaBreaches > 0 ? 'red' : undefined,
      sub: t('dashboard.kpi.slaSub', { opened: totals.casesOpened, rate: totals.casesOpened ? pct(totals.slaBreaches / totals.casesOpened) : '—' }),
      cases: { search: { view: 'team', overdue: true }, label: t('dashboard.kpi.overdueCases') },
    },
    {
      key: 'stillOpen',
      label: t('dashboard.kpi.stillOpen'),
      value: String(totals.stillOpen),
      raw: totals.stillOpen,
      tone: totals.stillOpen > 0 ? 'orange' : undefined,
      sub: t('dashboard.kpi.openSub', { opened: totals.casesOpened }),
      cases: { search: { view: 'team' }, label: t('dashboard.kpi.openCases') },
    },
    {
      key: 'handling',
      label: t('dashboard.kpi.handling'),
      value: totals.avgHandlingHours === null ? '—' : t('dashboard.kpi.hours', { hours: totals.avgHandlingHours }),
      raw: totals.avgHandlingHours,
      sub: t('dashboard.kpi.handlingSub'),
    },
    {
      key: 'exceptions',
      label: t('dashboard.kpi.exceptions'),
      value: String(exceptionCount),
      raw: exceptionCount,
      sub:
        exceptionCount > 0
          ? `${formatFen(exceptionFen)} · ${exceptions.map((e) => `${t(`cases.basis.${e.key as 'manual'}`, { defaultValue: e.key })} ${e.count}`).join(' · ')}`
          : t('dashboard.kpi.exceptionsNone'),
      help: t('dashboard.kpi.exceptionsHelp'),
    },
  ];

  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" mb="md" data-testid="dash-kpis">
      {kpis.map((k) => (
        <Paper key={k.key} withBorder radius="md" p="md" data-testid="dash-kpi" data-kpi={k.key} data-value={k.raw ?? ''}>
          <Stack gap={4} h="100%" justify="space-between">
            <Stack gap={2}>
              <Group gap={4} wrap="nowrap">
                <Text size="xs" c="dimmed" fw={600} tt="uppercase" lh={1.3}>
                  {k.label}
                </Text>
                {k.help && (
                  <Tooltip label={k.help} multiline w={260} withArrow>
                    <Text span size="xs" c="dimmed" style={{ cursor: 'help' }} aria-label={k.help}>
                      ⓘ
                    </Text>
                  </Tooltip>
                )}
              </Group>
              <Text fz={26} fw={650} lh={1.2} ff="monospace" c={k.tone ? `${k.tone}.7` : undefined} data-testid="dash-kpi-value">
                {k.value}
              </Text>
              {k.sub && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {k.sub}
                </Text>
              )}
            </Stack>
            {k.cases && (
              <Anchor size="xs" renderRoot={(props) => <Link to="/cases" search={k.cases!.search} {...props} />} data-testid="dash-kpi-cases">
                {k.cases.label} →
              </Anchor>
            )}
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
