import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import type { CaseQuote } from '../../components/case-api-types';
import { OUTCOME_COLOR, quoteBasisKind } from '../../components/quote-card';
import { formatDateTime } from '../../lib/format';

interface Props {
  quotes: CaseQuote[];
  proposedQuoteId: number | null;
  compared: [number, number] | null;
  onCompare: (quoteId: number) => void;
}

/** Every quote ever made on the case, newest first: none is overwritten. */
export function QuoteHistory({ quotes, proposedQuoteId, compared, onCompare }: Props) {
  const { t } = useTranslation();
  return (
    <Table verticalSpacing={4} fz="xs" highlightOnHover data-testid="quote-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>{t('caseDetail.quote.history.at')}</Table.Th>
          <Table.Th>{t('caseDetail.quote.history.basis')}</Table.Th>
          <Table.Th>{t('caseDetail.quote.history.outcome')}</Table.Th>
          <Table.Th ta="right">{t('caseDetail.quote.history.days')}</Table.Th>
          <Table.Th ta="right">{t('caseDetail.quote.history.amount')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {quotes
          .slice()
          .reverse()
          .map((q) => (
            <Table.Tr key={q.quoteId} data-testid="quote-history-row">
              <Table.Td ff="monospace">{q.quoteId}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(q.createdAt)}
                <Text span size="xs" c="dimmed">
                  {' '}
                  · {q.createdBy}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {t(`cases.basis.${quoteBasisKind(q)}`)}
                  {q.quoteId === proposedQuoteId && (
                    <Badge size="xs" color="violet" variant="light" radius="sm" tt="none">
                      {t('caseDetail.quote.history.proposed')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge size="xs" variant="light" color={OUTCOME_COLOR[q.outcome]} radius="sm" tt="none">
                  {t(`cases.outcome.${q.outcome}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                {q.usedDays}/{q.totalDays}
              </Table.Td>
              <Table.Td ta="right" ff="monospace" fw={600}>
                {formatFen(q.amountFen)}
              </Table.Td>
              <Table.Td ta="right">
                {quotes.length > 1 && !compared?.includes(q.quoteId) && (
                  <Button size="compact-xs" variant="subtle" onClick={() => onCompare(q.quoteId)}>
                    {t('caseDetail.quote.history.compare')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}
