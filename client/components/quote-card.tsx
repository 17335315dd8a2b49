import { Badge, Divider, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../shared/refund';
import { formatFen, formatSignedFen } from '../../shared/refund/format';
import { formatDateTime } from '../lib/format';
import type { CaseQuote } from './case-api-types';
import { useInLanguage } from '../i18n/use-in-language';

export const OUTCOME_COLOR: Record<Outcome, string> = { full: 'green', prorated: 'blue', none: 'gray' };

/** calendar / evidence / manual / goodwill: how the used days were counted. */
export function quoteBasisKind(quote: Pick<CaseQuote, 'basis' | 'goodwill'>) {
  return quote.goodwill ? 'goodwill' : quote.basis.kind;
}

export function QuoteFlags({ quote, withStale = true }: { quote: CaseQuote; withStale?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <Badge variant="light" color={OUTCOME_COLOR[quote.outcome]} radius="sm" tt="none">
        {t(`cases.outcome.${quote.outcome}`)}
      </Badge>
      <Badge variant="outline" color="gray" radius="sm" tt="none">
        {t(`cases.basis.${quoteBasisKind(quote)}`)}
      </Badge>
      {quote.needsSupervisor && (
        <Badge variant="light" color="violet" radius="sm" tt="none" data-testid="quote-needs-supervisor">
          {quote.exception ? t('cases.quote.exception') : t('cases.quote.aboveLimit')}
        </Badge>
      )}
      {withStale && <StaleBadge stale={quote.stale} />}
    </Group>
  );
}

/** A quote that may no longer be paid: red, saying why (the server's own words on hover). */
export function StaleBadge({ stale, size = 'sm' }: { stale: { code: string; message: string } | null | undefined; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  if (!stale) return null;
  return (
    <Tooltip label={stale.message} multiline maw={320} withArrow>
      <Badge variant="filled" color="red" radius="sm" tt="none" size={size} data-testid="quote-stale" data-stale={stale.code}>
        {t('cases.quote.stale.badge')} · {t(`cases.quote.stale.${stale.code}`, { defaultValue: stale.code })}
      </Badge>
    </Tooltip>
  );
}

interface Props {
  quote: CaseQuote;
  /** e.g. "A · 按自然日" above the card in a comparison */
  caption?: ReactNode;
  /** what the order cost: a zero-price order reads "nothing to refund", not "refunded in full" */
  paidFen?: number;
  testId?: string;
}

/** One quote: outcome, amount and the breakdown lines that add up to it, in words. */
export function QuoteCard({ quote, caption, paidFen, testId = 'quote-card' }: Props) {
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId} data-quote-id={quote.quoteId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            {caption && (
              <Text size="xs" fw={600} c="dimmed">
                {caption}
              </Text>
            )}
            <QuoteFlags quote={quote} />
          </Stack>
          <Stack gap={0} align="flex-end">
            <Text size="xs" c="dimmed">
              {t('cases.quote.refundAmount')}
            </Text>
            <Text fw={700} fz={22} lh={1.2} data-testid="quote-amount">
              {formatFen(quote.amountFen)}
            </Text>
          </Stack>
        </Group>
        <Text size="xs" c="dimmed">
          {t('cases.quote.meta', {
            id: quote.quoteId,
            by: quote.createdBy,
            at: formatDateTime(quote.createdAt),
            version: quote.policyVersion,
          })}
        </Text>
        <Text size="sm">
          {t('cases.quote.days', { used: quote.usedDays, total: quote.totalDays, remaining: quote.remainingDays })}
          <Text span size="sm" c="dimmed">
            {' · '}
            {quote.reasonCode === 'already_refunded' && paidFen === 0
              ? t('cases.quote.nothingPaid')
              : t(`cases.reasonCode.${quote.reasonCode}`)}
          </Text>
        </Text>
        {quote.basis.kind === 'manual' && !quote.goodwill && (
          <Text size="xs" c="dimmed" fs="italic">
            {t('cases.quote.justification', { reason: quote.basis.reason })}
          </Text>
        )}
        <Divider />
        <Stack gap={6} data-testid="quote-lines">
          {quote.lines.map((line, i) => (
            <Group key={`${line.code}-${i}`} justify="space-between" align="flex-start" wrap="nowrap" gap="md">
              <Text size="sm">{inLanguage(line.labelZh, line.labelEn)}</Text>
              <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }} c={line.amountFen < 0 ? 'red' : undefined}>
                {formatSignedFen(line.amountFen)}
              </Text>
            </Group>
          ))}
        </Stack>
        <Divider />
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {t('cases.quote.total')}
          </Text>
          <Text size="sm" fw={700} ff="monospace">
            {formatFen(quote.amountFen)}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
