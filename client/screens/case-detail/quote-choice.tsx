import { Badge, Group, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import type { CaseQuote } from '../../components/case-api-types';
import { quoteBasisKind, StaleBadge } from '../../components/quote-card';
import { formatDateTime } from '../../lib/format';

interface Props {
  quotes: CaseQuote[];
  chosen: CaseQuote | undefined;
  proposedQuoteId: number | null;
  onChoose: (quoteId: number) => void;
}

/**
 * Which quote the decision is on, chosen by the person and only by them: every quote of the case
 * with its basis, amount and time, newest first, nothing preselected (issue 14, defect 7).
 */
export function QuoteChoice({ quotes, chosen, proposedQuoteId, onChoose }: Props) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('caseDetail.decision.pick.label')}
      description={chosen ? undefined : t('caseDetail.decision.pick.hint', { count: quotes.length })}
      value={chosen ? String(chosen.quoteId) : null}
      onChange={(v) => onChoose(Number(v))}
      data-testid="quote-choice"
    >
      <Stack gap={6} mt={6}>
        {quotes
          .slice()
          .reverse()
          .map((q) => {
            const selected = chosen?.quoteId === q.quoteId;
            return (
              <Radio.Card
                key={q.quoteId}
                value={String(q.quoteId)}
                radius="sm"
                p="xs"
                data-testid="quote-option"
                data-quote-id={q.quoteId}
                data-checked={selected || undefined}
                style={{
                  borderColor: selected ? 'var(--mantine-color-blue-6)' : undefined,
                  background: selected ? 'var(--mantine-color-blue-0)' : undefined,
                }}
              >
                <Group wrap="nowrap" align="flex-start" gap="xs">
                  <Radio.Indicator size="xs" mt={3} />
                  <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Text size="sm" fw={600}>
                        #{q.quoteId} · {t(`cases.basis.${quoteBasisKind(q)}`)}
                      </Text>
                      <Text size="sm" fw={700} ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {formatFen(q.amountFen)}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('caseDetail.decision.pick.meta', { at: formatDateTime(q.createdAt), by: q.createdBy })}
                    </Text>
                    {(q.stale || q.quoteId === proposedQuoteId) && (
                      <Group gap={4}>
                        {q.quoteId === proposedQuoteId && (
                          <Badge size="xs" color="violet" variant="light" radius="sm" tt="none">
                            {t('caseDetail.decision.pick.proposed')}
                          </Badge>
                        )}
                        <StaleBadge stale={q.stale} size="xs" />
                      </Group>
                    )}
                  </Stack>
                </Group>
              </Radio.Card>
            );
          })}
      </Stack>
    </Radio.Group>
  );
}
