import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CaptionedCard, EmptyNote } from '../../components/noted-card';
import { ScrollTable } from '../../components/table-parts';
import { formatDateTime } from '../../lib/format';
import type { IntegrationSummary } from './integration-types';

/** The latest refused batches: when, the status, the kind and the server's reason, the ids it could read. */
export function RefusedBatches({ s }: { s: IntegrationSummary }) {
  const { t } = useTranslation();
  const rows = s.refusals.latest;
  return (
    <CaptionedCard testId="integration-refusals" title={t('integration.refusals.title')} note={t('integration.refusals.note')}>
      {rows.length === 0 ? (
        <EmptyNote testId="integration-refusals-none">{t('integration.refusals.none')}</EmptyNote>
      ) : (
        <ScrollTable
          minWidth={720}
          striped
          verticalSpacing={6}
          head={
            <>
              <Table.Th>{t('integration.refusals.at')}</Table.Th>
              <Table.Th>{t('integration.refusals.status')}</Table.Th>
              <Table.Th>{t('integration.refusals.kind')}</Table.Th>
              <Table.Th>{t('integration.refusals.reason')}</Table.Th>
              <Table.Th ta="right">{t('integration.refusals.batches')}</Table.Th>
              <Table.Th ta="right">{t('integration.refusals.events')}</Table.Th>
              <Table.Th>{t('integration.refusals.ids')}</Table.Th>
            </>
          }
        >
          {rows.map((r) => (
            <Table.Tr key={`${r.firstAt}/${r.status}/${r.kind}`} data-testid="integration-refusal-row" data-kind={r.kind}>
              <Table.Td>
                <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(r.lastAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={r.status === 401 ? 'red' : 'orange'}>
                  {r.status}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{t(`integration.refusals.kindLabel.${r.kind as 'conflict'}`, { defaultValue: r.kind })}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" lang="en">
                  {r.reason}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="xs">{r.atLeast ? t('integration.refusals.atLeast', { count: r.batches }) : r.batches}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="xs">{r.events ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" lineClamp={2} title={r.eventIds.join(', ')}>
                  {r.eventIds.length > 0 ? r.eventIds.join(', ') : '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      )}
    </CaptionedCard>
  );
}
