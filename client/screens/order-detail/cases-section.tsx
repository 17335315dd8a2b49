import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import type { OrderDetail, OrderPage } from './order-page-types';
import { SectionCard } from './section-card';
import classes from './order-detail.module.css';

const REFUND_COLOR = { pending: 'yellow', succeeded: 'teal', failed: 'red' } as const;

interface Props {
  order: OrderDetail;
  cases: OrderPage['cases'];
  refunds: OrderPage['refunds'];
}

function CaseLink({ caseNo }: { caseNo: string }) {
  return (
    <Anchor size="xs" className={classes.mono} renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo }} {...props} />}>
      {caseNo}
    </Anchor>
  );
}

/** Refund cases on this order and the refunds paid back for it. */
export function CasesSection({ order, cases, refunds }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <SectionCard title={t('orderDetail.cases.title')} testId="cases-section">
      <Stack gap="sm">
        {cases.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('orderDetail.cases.none')}
          </Text>
        ) : (
          <Table fz="xs" verticalSpacing={4} horizontalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('orderDetail.cases.caseNo')}</Table.Th>
                <Table.Th>{t('orderDetail.cases.status')}</Table.Th>
                <Table.Th>{t('orderDetail.cases.reason')}</Table.Th>
                <Table.Th>{t('orderDetail.cases.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.map((c) => (
                <Table.Tr key={c.caseNo} data-open={c.caseNo === order.openCaseNo || undefined}>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <CaseLink caseNo={c.caseNo} />
                      {c.caseNo === order.openCaseNo && (
                        <Badge size="xs" color="brand" variant="light" radius="sm">
                          {t('orderDetail.cases.open')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`orderVocab.caseStatus.${c.status}`)}</Table.Td>
                  <Table.Td>{t(`orderVocab.caseReason.${c.reason}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.dateTime(c.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}

        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          {t('orderDetail.refunds.title')}
        </Text>
        {refunds.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="refunds-none">
            {t('orderDetail.refunds.none')}
          </Text>
        ) : (
          <Table fz="xs" verticalSpacing={4} horizontalSpacing={6} data-testid="refunds-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="right">{t('orderDetail.refunds.amount')}</Table.Th>
                <Table.Th>{t('orderDetail.refunds.status')}</Table.Th>
                <Table.Th>{t('orderDetail.refunds.createdAt')}</Table.Th>
                <Table.Th>{t('orderDetail.refunds.case')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {refunds.map((r) => (
                <Table.Tr key={r.refundId}>
                  <Table.Td ta="right" fw={600}>
                    {f.money(r.amountFen)}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="xs" radius="sm" variant="light" color={REFUND_COLOR[r.status]}>
                      {t(`orderVocab.refundStatus.${r.status}`)}
                    </Badge>
                    {r.gatewayRef && (
                      <Text size="10px" c="dimmed" className={classes.mono}>
                        {r.gatewayRef}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {f.dateTime(r.createdAt)}
                    {r.settledAt && (
                      <Text size="10px" c="dimmed">
                        {t('orderDetail.refunds.settledAt', { at: f.dateTime(r.settledAt) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{r.caseNo ? <CaseLink caseNo={r.caseNo} /> : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </SectionCard>
  );
}
