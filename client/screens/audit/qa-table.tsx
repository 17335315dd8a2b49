import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import { formatDateTime } from '../../lib/format';
import type { QaItem } from './audit-types';
import { headingClass, ScrollTable } from '../../components/table-parts';

/** The verdicts a reviewer gives, in the order offered, and the colour each is shown in. */
const VERDICTS = ['correct', 'incorrect'] as const;
type Verdict = (typeof VERDICTS)[number];
const VERDICT_COLOR: Record<Verdict, string> = { correct: 'teal', incorrect: 'red' };

interface Props {
  items: QaItem[];
  reviewed: boolean;
  /** absent: read-only (auditors), no scoring controls at all */
  onScore?: (item: QaItem, verdict: Verdict) => void;
}

/** Sampled decisions: waiting for a verdict, or with the verdict they got. */
export function QaTable({ items, reviewed, onScore }: Props) {
  const { t } = useTranslation();
  return (
    <ScrollTable
      minWidth={900}
      verticalSpacing={8}
      horizontalSpacing="md"
      highlightOnHover
      data-testid={reviewed ? 'qa-reviewed' : 'qa-queue'}
      head={
        <>
          <Table.Th className={headingClass} w={190}>
            {t('audit.qa.columns.case')}
          </Table.Th>
          <Table.Th className={headingClass} w={110}>
            {t('audit.qa.columns.agent')}
          </Table.Th>
          <Table.Th className={headingClass} w={100} ta="right">
            {t('audit.qa.columns.amount')}
          </Table.Th>
          <Table.Th className={headingClass} w={120}>
            {t('audit.qa.columns.reason')}
          </Table.Th>
          <Table.Th className={headingClass} w={140}>
            {t('audit.qa.columns.sampledAt')}
          </Table.Th>
          {reviewed ? (
            <>
              <Table.Th className={headingClass} w={90}>
                {t('audit.qa.columns.verdict')}
              </Table.Th>
              <Table.Th className={headingClass}>{t('audit.qa.columns.comment')}</Table.Th>
              <Table.Th className={headingClass} w={150}>
                {t('audit.qa.columns.reviewer')}
              </Table.Th>
            </>
          ) : (
            onScore && (
              <Table.Th className={headingClass} w={190}>
                {t('audit.qa.columns.score')}
              </Table.Th>
            )
          )}
        </>
      }
    >
      {items.map((item) => (
        <Table.Tr key={item.reviewId} data-testid="qa-row" data-case-no={item.caseNo} data-review-id={item.reviewId}>
          <Table.Td>
            <Stack gap={0}>
              <Anchor
                size="sm"
                ff="monospace"
                fw={600}
                renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo: item.caseNo }} {...props} />}
                data-testid="qa-case-link"
              >
                {item.caseNo}
              </Anchor>
              <Text size="xs" c="dimmed" ff="monospace">
                {item.orderNo} · {t('audit.qa.quote', { id: item.quoteId })}
              </Text>
            </Stack>
          </Table.Td>
          <Table.Td>
            <Text size="sm" fw={500}>
              {item.agent}
            </Text>
          </Table.Td>
          <Table.Td ta="right">
            <Text size="sm" ff="monospace">
              {formatFen(item.amountFen)}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm">{t(`cases.reason.${item.reason}`)}</Text>
          </Table.Td>
          <Table.Td>
            <Text size="xs" c="dimmed">
              {formatDateTime(item.sampledAt)}
            </Text>
          </Table.Td>
          {reviewed ? (
            <>
              <Table.Td>
                {item.verdict && (
                  <Badge variant="light" color={VERDICT_COLOR[item.verdict]} radius="sm" tt="none" data-testid="qa-verdict">
                    {t(`audit.qa.verdict.${item.verdict}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={3} c={item.comment ? undefined : 'dimmed'}>
                  {item.comment || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{item.reviewer}</Text>
                  <Text size="xs" c="dimmed">
                    {item.reviewedAt ? formatDateTime(item.reviewedAt) : ''}
                  </Text>
                </Stack>
              </Table.Td>
            </>
          ) : (
            onScore && (
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {VERDICTS.map((verdict) => (
                    <Button
                      key={verdict}
                      size="compact-sm"
                      variant="light"
                      color={VERDICT_COLOR[verdict]}
                      onClick={() => onScore(item, verdict)}
                      data-testid={`qa-score-${verdict}`}
                    >
                      {t(`audit.qa.verdict.${verdict}`)}
                    </Button>
                  ))}
                </Group>
              </Table.Td>
            )
          )}
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}
