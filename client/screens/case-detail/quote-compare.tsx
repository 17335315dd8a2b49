import { Alert, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { diffQuotes } from '../../../shared/refund';
import { formatFen, formatSignedFen } from '../../../shared/refund/format';
import type { CaseQuote } from '../../components/case-api-types';
import { quoteBasisKind, QuoteCard } from '../../components/quote-card';
import { useInLanguage } from '../../i18n/use-in-language';

interface Props {
  quotes: CaseQuote[];
  a: CaseQuote;
  b: CaseQuote;
  onPick: (side: 'a' | 'b', quoteId: number) => void;
  paidFen?: number;
}

function signedOrDash(fen: number | null): string {
  return fen === null ? '—' : formatSignedFen(fen);
}

/** Two quotes side by side, then line by line what differs and by how much (docs/spec.md §4.4). */
export function QuoteCompare({ quotes, a, b, onPick, paidFen }: Props) {
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  const diff = diffQuotes(a, b);
  const { amountDeltaFen, usedDaysDelta } = diff.summary;
  const options = quotes
    .slice()
    .reverse()
    .map((q) => ({
      value: String(q.quoteId),
      label: t('caseDetail.quote.option', { id: q.quoteId, basis: t(`cases.basis.${quoteBasisKind(q)}`), amount: formatFen(q.amountFen) }),
    }));
  const caption = (side: 'A' | 'B', q: CaseQuote) =>
    t('caseDetail.quote.caption', { side, id: q.quoteId, basis: t(`cases.basis.${quoteBasisKind(q)}`) });

  return (
    <Stack gap="sm" data-testid="quote-compare">
      {quotes.length > 2 && (
        <Group gap="sm" grow>
          <Select
            size="xs"
            label={t('caseDetail.quote.pickA')}
            data={options}
            value={String(a.quoteId)}
            onChange={(v) => v && onPick('a', Number(v))}
            allowDeselect={false}
          />
          <Select
            size="xs"
            label={t('caseDetail.quote.pickB')}
            data={options}
            value={String(b.quoteId)}
            onChange={(v) => v && onPick('b', Number(v))}
            allowDeselect={false}
          />
        </Group>
      )}
      <SimpleGrid type="container" cols={{ base: 1, '520px': 2 }} spacing="sm">
        <QuoteCard quote={a} caption={caption('A', a)} paidFen={paidFen} testId="quote-a" />
        <QuoteCard quote={b} caption={caption('B', b)} paidFen={paidFen} testId="quote-b" />
      </SimpleGrid>
      <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="quote-diff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('caseDetail.quote.diffItem')}</Table.Th>
            <Table.Th ta="right">A</Table.Th>
            <Table.Th ta="right">B</Table.Th>
            <Table.Th ta="right">{t('caseDetail.quote.diffDelta')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {diff.rows.map((row) => (
            <Table.Tr key={row.code}>
              <Table.Td>{inLanguage(row.labelZh, row.labelEn)}</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {signedOrDash(row.aFen)}
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {signedOrDash(row.bFen)}
              </Table.Td>
              <Table.Td ta="right" ff="monospace" fw={row.deltaFen !== 0 ? 600 : 400} c={row.deltaFen === 0 ? 'dimmed' : undefined}>
                {row.deltaFen === 0 ? '—' : formatSignedFen(row.deltaFen)}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr fw={700}>
            <Table.Td>{t('cases.quote.total')}</Table.Td>
            <Table.Td ta="right" ff="monospace">
              {formatFen(a.amountFen)}
            </Table.Td>
            <Table.Td ta="right" ff="monospace">
              {formatFen(b.amountFen)}
            </Table.Td>
            <Table.Td ta="right" ff="monospace" data-testid="amount-delta">
              {amountDeltaFen === 0 ? '—' : formatSignedFen(amountDeltaFen)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Alert color={amountDeltaFen === 0 ? 'gray' : 'blue'} p="xs" data-testid="diff-summary">
        <Text size="sm">
          {amountDeltaFen === 0
            ? t('caseDetail.quote.sameAmount')
            : t(amountDeltaFen > 0 ? 'caseDetail.quote.moreBy' : 'caseDetail.quote.lessBy', {
                amount: formatFen(Math.abs(amountDeltaFen)),
              })}
          {usedDaysDelta !== 0 &&
            ` ${t('caseDetail.quote.daysDelta', { days: usedDaysDelta > 0 ? `+${usedDaysDelta}` : `−${-usedDaysDelta}` })}`}
          {diff.summary.outcomeChanged &&
            ` ${t('caseDetail.quote.outcomeChanged', { a: t(`cases.outcome.${a.outcome}`), b: t(`cases.outcome.${b.outcome}`) })}`}
        </Text>
      </Alert>
    </Stack>
  );
}
