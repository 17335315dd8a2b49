import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import type { CaseSearchParams } from '../cases/case-search-params';
import type { Bucket, Totals } from './dashboard-types';
import { figureCases, type DayRange } from './figure-cases';

interface Kpi {
  key: string;
  label: string;
  value: string;
  /** the raw figure, for tests and for anyone reading the DOM */
  raw: number | null;
  sub?: ReactNode;
  tone?: 'red' | 'orange';
  /** the cases behind the figure: the figure itself links to them, and so does the label below */
  cases?: { search: CaseSearchParams; label: string };
  /** the cases behind the smaller figures of the card */
  more?: { search: CaseSearchParams; label: string; id: string }[];
  help?: string;
}

function CasesLink({ search, children, testId, title }: { search: CaseSearchParams; children: ReactNode; testId: string; title?: string }) {
  return (
    <Anchor size="xs" title={title} renderRoot={(props) => <Link to="/cases" search={search} {...props} />} data-testid={testId}>
      {children}
    </Anchor>
  );
}

function pct(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 1000) / 10}%`;
}

/** The headline figures of the range, each linked to the cases behind it (same range, same definition). */
export function KpiGrid({ totals, exceptions, days, range }: { totals: Totals; exceptions: Bucket[]; days: number; range: DayRange }) {
  const { t } = useTranslation();
  const exceptionCount = exceptions.reduce((s, e) => s + e.count, 0);
  const exceptionFen = exceptions.reduce((s, e) => s + e.amountFen, 0);
  const decided = totals.approvals + totals.rejections;
  const refunds = { search: figureCases.refunds(range), label: t('dashboard.kpi.links.refunds', { count: totals.refunds }) };

  const kpis: Kpi[] = [
    {
      key: 'refunds',
      label: t('dashboard.kpi.refunds'),
      value: String(totals.refunds),
      raw: totals.refunds,
      sub: t('dashboard.kpi.refundsSub', { perDay: (totals.refunds / days).toFixed(1) }),
      cases: refunds,
    },
    {
      key: 'amount',
      label: t('dashboard.kpi.amount'),
      value: formatFen(totals.amountFen),
      raw: totals.amountFen,
      sub:
        totals.refunds > 0
          ? t('dashboard.kpi.amountSub', { avg: formatFen(Math.round(totals.amountFen / totals.refunds)) })
          : t('dashboard.kpi.none'),
      cases: refunds,
    },
    {
      key: 'approvalRate',
      label: t('dashboard.kpi.approvalRate'),
      value: pct(totals.approvalRate),
      raw: totals.approvalRate,
      more: [
        { id: 'approvals', search: figureCases.approvals(range), label: t('dashboard.kpi.links.approved', { count: totals.approvals }) },
        { id: 'rejections', search: figureCases.rejections(range), label: t('dashboard.kpi.links.rejected', { count: totals.rejections }) },
        { id: 'proposals', search: figureCases.proposals(range), label: t('dashboard.kpi.links.proposed', { count: totals.proposals }) },
      ],
      help: t('dashboard.kpi.approvalHelp'),
    },
    {
      key: 'rejections',
      label: t('dashboard.kpi.rejections'),
      value: String(totals.rejections),
      raw: totals.rejections,
      sub: decided > 0 ? t('dashboard.kpi.rejectionSub', { rate: pct(totals.rejections / decided) }) : t('dashboard.kpi.none'),
      cases: { search: figureCases.rejections(range), label: t('dashboard.kpi.links.casesOf', { count: totals.rejections }) },
    },
    {
      key: 'slaBreaches',
      label: t('dashboard.kpi.slaBreaches'),
      value: String(totals.slaBreaches),
      raw: totals.slaBreaches,
      tone: totals.slaBreaches > 0 ? 'red' : undefined,
      sub: t('dashboard.kpi.slaSub', {
        opened: totals.casesOpened,
        rate: totals.casesOpened ? pct(totals.slaBreaches / totals.casesOpened) : '—',
      }),
      cases: { search: figureCases.slaBreaches(range), label: t('dashboard.kpi.links.breaches', { count: totals.slaBreaches }) },
      more: [{ id: 'opened', search: figureCases.opened(range), label: t('dashboard.kpi.links.opened', { count: totals.casesOpened }) }],
    },
    {
      key: 'stillOpen',
      label: t('dashboard.kpi.stillOpen'),
      value: String(totals.stillOpen),
      raw: totals.stillOpen,
      tone: totals.stillOpen > 0 ? 'orange' : undefined,
      sub: t('dashboard.kpi.openSub', { opened: totals.casesOpened }),
      cases: { search: figureCases.stillOpen(range), label: t('dashboard.kpi.links.open', { count: totals.stillOpen }) },
    },
    {
      key: 'handling',
      label: t('dashboard.kpi.handling'),
      value: totals.avgHandlingHours === null ? '—' : t('dashboard.kpi.hours', { hours: totals.avgHandlingHours }),
      raw: totals.avgHandlingHours,
      sub: t('dashboard.kpi.handlingSub'),
      cases: { search: figureCases.closed(range), label: t('dashboard.kpi.links.closed', { count: totals.casesClosed }) },
    },
    {
      key: 'exceptions',
      label: t('dashboard.kpi.exceptions'),
      value: String(exceptionCount),
      raw: exceptionCount,
      sub: exceptionCount > 0 ? formatFen(exceptionFen) : t('dashboard.kpi.exceptionsNone'),
      cases:
        exceptionCount > 0
          ? { search: figureCases.exceptions(range), label: t('dashboard.kpi.links.exceptions', { count: exceptionCount }) }
          : undefined,
      more: exceptions.map((e) => ({
        id: `basis-${e.key}`,
        search: figureCases.exceptions(range, e.key),
        label: `${t(`cases.basis.${e.key as 'manual'}`, { defaultValue: e.key })} ${e.count}`,
      })),
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
                    <Text span size="xs" c="dimmed" style={{ cursor: 'help' }} role="img" aria-label={k.help}>
                      ⓘ
                    </Text>
                  </Tooltip>
                )}
              </Group>
              {k.cases ? (
                <Anchor
                  fz={26}
                  fw={650}
                  lh={1.2}
                  ff="monospace"
                  c={k.tone ? `${k.tone}.7` : 'inherit'}
                  underline="hover"
                  title={k.cases.label}
                  renderRoot={(props) => <Link to="/cases" search={k.cases!.search} {...props} />}
                  data-testid="dash-kpi-value"
                >
                  {k.value}
                </Anchor>
              ) : (
                <Text fz={26} fw={650} lh={1.2} ff="monospace" c={k.tone ? `${k.tone}.7` : undefined} data-testid="dash-kpi-value">
                  {k.value}
                </Text>
              )}
              {k.sub && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {k.sub}
                </Text>
              )}
              {k.more && k.more.length > 0 && (
                <Group gap={8} wrap="wrap">
                  {k.more.map((m) => (
                    <CasesLink key={m.id} search={m.search} testId={`dash-kpi-cases-${m.id}`}>
                      {m.label}
                    </CasesLink>
                  ))}
                </Group>
              )}
            </Stack>
            {k.cases && (
              <CasesLink search={k.cases.search} testId="dash-kpi-cases">
                {k.cases.label} →
              </CasesLink>
            )}
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
