import { Anchor, Badge, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnomalyBadge, OrderStatusBadge } from '../../components/order-badges';
import { useFormat } from '../../lib/format';
import type { OrderDetail, OrderPage } from './order-page-types';
import { SectionCard } from './section-card';
import classes from './order-detail.module.css';
import { useInLanguage } from '../../i18n/use-in-language';

/** The member's other orders; the duplicate and its original first, highlighted. */
export function RelatedOrdersSection({ order, related }: { order: OrderDetail; related: OrderPage['relatedOrders'] }) {
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  const f = useFormat();
  return (
    <SectionCard
      title={t('orderDetail.related.title')}
      testId="related-orders"
      actions={
        related.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('orderDetail.related.count', { count: related.length })}
          </Text>
        )
      }
    >
      {related.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('orderDetail.related.none')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={340} type="auto" offsetScrollbars>
          <Stack gap={0}>
            {related.map((r) => (
              <div
                key={r.orderNo}
                className={`${classes.relatedRow} ${r.linked ? classes.linkedRow : ''}`}
                data-linked={r.linked || undefined}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Group gap={6} wrap="nowrap">
                    <Anchor
                      size="xs"
                      fw={500}
                      className={classes.mono}
                      renderRoot={(props) => <Link to="/orders/$orderNo" params={{ orderNo: r.orderNo }} {...props} />}
                      data-testid="related-order-link"
                    >
                      {r.orderNo}
                    </Anchor>
                    {r.linked && (
                      <Badge size="xs" color="orange" variant="filled" radius="sm">
                        {r.orderNo === order.relatedOrderNo ? t('orderDetail.related.original') : t('orderDetail.related.duplicate')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {f.money(r.paidFen)}
                  </Text>
                </Group>
                <Group justify="space-between" wrap="nowrap" gap="xs" mt={2}>
                  <Text size="xs" c="dimmed" truncate="end">
                    {inLanguage(r.planNameZh, r.planNameEn)} · {f.dateTime(r.paidAt ?? r.createdAt)}
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    <OrderStatusBadge status={r.status} size="xs" />
                    {r.anomaly && <AnomalyBadge anomaly={r.anomaly} size="xs" />}
                  </Group>
                </Group>
              </div>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </SectionCard>
  );
}
