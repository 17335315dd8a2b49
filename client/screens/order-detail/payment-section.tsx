import { Badge, CopyButton, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnomalyBadge } from '../../components/order-badges';
import { useFormat } from '../../lib/format';
import { Facts } from './facts';
import type { OrderDetail } from './order-page-types';
import { SectionCard } from './section-card';
import classes from './order-detail.module.css';

export function PaymentSection({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const left = order.paidFen - order.refundedFen;
  return (
    <SectionCard title={t('orderDetail.payment.title')} testId="payment-section">
      <Facts
        rows={[
          [t('orderDetail.payment.channel'), t(`orderVocab.channel.${order.paymentChannel}`)],
          [
            t('orderDetail.payment.transactionId'),
            <CopyButton value={order.transactionId} key="tx">
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('orderDetail.copied') : t('orderDetail.copy')} withArrow>
                  <UnstyledButton onClick={copy} className={classes.mono}>
                    {order.transactionId}
                  </UnstyledButton>
                </Tooltip>
              )}
            </CopyButton>,
          ],
          [t('orderDetail.payment.platform'), t(`orderVocab.platform.${order.platform}`)],
          [t('orderDetail.payment.createdAt'), f.dateTime(order.createdAt)],
          [t('orderDetail.payment.paidAt'), order.paidAt ? f.dateTime(order.paidAt) : t('orderDetail.payment.notPaid')],
          [
            t('orderDetail.payment.amount'),
            <Group gap={6} key="amount">
              <Text span fw={650} size="sm">
                {f.money(order.paidFen)}
              </Text>
              {order.isRenewal && (
                <Badge size="xs" variant="light" color="yellow" radius="sm">
                  {t('orders.renewalCharge')}
                </Badge>
              )}
            </Group>,
            'paid-amount',
          ],
          [
            t('orderDetail.payment.refunded'),
            <Text span size="sm" c={order.refundedFen > 0 ? 'orange' : undefined} key="refunded">
              {f.money(order.refundedFen)}
            </Text>,
          ],
          order.status !== 'payment_failed' && [t('orderDetail.payment.left'), f.money(Math.max(0, left))],
          order.status !== 'payment_failed' && [
            t('orderDetail.payment.policyToday'),
            <div key="policy-today" data-testid="policy-today" data-amount={order.policyToday.amountFen}>
              <Text span fw={650} size="sm">
                {f.money(order.policyToday.amountFen)}
              </Text>
              <Text size="xs" c="dimmed" mt={2}>
                {t(`cases.reasonCode.${order.policyToday.reasonCode}`)}
                {order.policyToday.usedDays > 0 &&
                  ` · ${t('orderDetail.payment.usedOf', { used: order.policyToday.usedDays, total: order.policyToday.totalDays })}`}
              </Text>
            </div>,
          ],
          [
            t('orderDetail.payment.anomaly'),
            order.anomaly ? (
              <div key="anomaly">
                <AnomalyBadge anomaly={order.anomaly} />
                <Text size="xs" c="dimmed" mt={4} data-testid="anomaly-explanation">
                  {t(`orderVocab.anomalyExplain.${order.anomaly}`)}
                </Text>
              </div>
            ) : (
              <Text span size="sm" c="dimmed" key="none">
                {t('orderDetail.payment.noAnomaly')}
              </Text>
            ),
          ],
        ]}
      />
    </SectionCard>
  );
}
