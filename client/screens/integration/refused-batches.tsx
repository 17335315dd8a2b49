import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import type { IntegrationSummary } from './integration-types';

/** The latest refused batches: when, the status, the kind and the server's reason, the ids it could read. */
export function RefusedBatches({ s }: { s: IntegrationSummary }) {
  const { t } = useTranslation();
  const rows = s.refusals.latest;
  return (
    <Paper withBorder radius="md" p="md" mb="md" data-testid="integration-refusals">
      <Title order={2} size="h5" mb={4}>
        {t('integration.refusals.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('integration.refusals.note')}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="sm" ta="center" data-testid="integration-refusals-none">
          {t('integration.refusals.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('integration.refusals.at')}</Table.Th>
                <Table.Th>{t('integration.refusals.status')}</Table.Th>
                <Table.Th>{t('integration.refusals.kind')}</Table.Th>
                <Table.Th>{t('integration.refusals.reason')}</Table.Th>
                <Table.Th ta="right">{t('integration.refusals.batches')}</Table.Th>
                <Table.Th ta="right">{t('integration.refusals.events')}</Table.Th>
                <Table.Th>{t('integration.refusals.ids')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
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
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
