import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import type { OrderPage } from './order-page-types';
import { SectionCard } from './section-card';
import classes from './order-detail.module.css';

type StoreView = NonNullable<OrderPage['store']>;

const STATUS_COLOR: Record<StoreView['refundStatus'], string> = {
  none: 'gray',
  requested: 'yellow',
  refunded: 'teal',
  declined: 'red',
  reversed: 'orange',
};

/** An App Store or Google Play order as the store sees it: its refund, its notifications, the consumption answers sent. */
export function StoreSection({ store }: { store: StoreView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const name = t(`orderDetail.store.name.${store.store}`);
  const status =
    store.refundStatus === 'refunded' && store.storeRefundedFen === null
      ? t('orderDetail.store.refundedForConsole', { store: name })
      : t(`orderDetail.store.status.${store.refundStatus}`, { store: name, amount: f.money(store.storeRefundedFen ?? 0) });
  return (
    <SectionCard title={t('orderDetail.store.title', { store: name })} testId="store-section">
      <Stack gap="sm">
        <div>
          <Badge
            radius="sm"
            tt="none"
            variant="light"
            color={STATUS_COLOR[store.refundStatus]}
            data-testid="store-refund-status"
            data-status={store.refundStatus}
          >
            {status}
          </Badge>
          {store.refundStatusAt && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('orderDetail.store.statusAt', { at: f.dateTime(store.refundStatusAt) })}
            </Text>
          )}
        </div>

        {store.store === 'apple' && (
          <>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {t('orderDetail.store.answers')}
            </Text>
            {store.consumptionAnswers.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('orderDetail.store.noAnswers')}
              </Text>
            ) : (
              store.consumptionAnswers.map((a) => (
                <Stack key={`${a.caseNo}-${a.receivedAt}`} gap={2} data-testid="store-answer-row" data-sent={a.sentAt ? 'true' : 'false'}>
                  <Text size="xs">
                    <Anchor
                      size="xs"
                      className={classes.mono}
                      renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo: a.caseNo }} {...props} />}
                    >
                      {a.caseNo}
                    </Anchor>{' '}
                    {a.sentAt
                      ? t('orderDetail.store.sent', { at: f.dateTime(a.sentAt), by: a.sentBy })
                      : t('orderDetail.store.notSent', { by: f.dateTime(a.respondBy) })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('orderDetail.store.values', {
                      pct: (a.consumptionPercentage / 1000).toFixed(1),
                      preference: t(`caseDetail.storeRequest.preference.${a.refundPreference}`),
                      delivery: t(`caseDetail.storeRequest.delivery.${a.deliveryStatus}`),
                      at: f.dateTime(a.receivedAt),
                    })}
                  </Text>
                  {a.lastError && !a.sentAt && (
                    <Text size="xs" c="red">
                      {a.lastError}
                    </Text>
                  )}
                </Stack>
              ))
            )}
          </>
        )}

        <Text size="xs" fw={600} c="dimmed" tt="uppercase">
          {t('orderDetail.store.notifications')}
        </Text>
        {store.notifications.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('orderDetail.store.noNotifications', { store: name })}
          </Text>
        ) : (
          <Table fz="xs" verticalSpacing={4} horizontalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('orderDetail.store.type')}</Table.Th>
                <Table.Th>{t('orderDetail.store.outcome')}</Table.Th>
                <Table.Th>{t('orderDetail.store.receivedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {store.notifications.map((n) => (
                <Table.Tr key={n.id} data-testid="store-notification" data-type={n.type}>
                  <Table.Td className={classes.mono}>{n.subtype ? `${n.type} · ${n.subtype}` : n.type}</Table.Td>
                  <Table.Td>{t(`orderDetail.store.outcomes.${n.outcome}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.dateTime(n.receivedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </SectionCard>
  );
}
