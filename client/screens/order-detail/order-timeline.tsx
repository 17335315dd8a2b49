import { Anchor, Text, Timeline } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import type { OrderPage } from './order-page-types';
import { SectionCard } from './section-card';

interface Moment {
  at: string;
  key: string;
  title: string;
  detail?: ReactNode;
  color: string;
}

/** From purchase to activation, use, cases and refunds: the order's story in time order. */
export function OrderTimeline({ page }: { page: OrderPage }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { order, usage, cases, refunds, subscription } = page;
  const moments: Moment[] = [];
  const add = (m: Moment) => moments.push(m);

  add({ at: order.createdAt, key: 'created', title: t('orderDetail.timeline.created'), color: 'gray' });
  if (order.paidAt) {
    add({
      at: order.paidAt,
      key: 'paid',
      title: t('orderDetail.timeline.paid', { amount: f.money(order.paidFen) }),
      detail: t(`orderVocab.channel.${order.paymentChannel}`),
      color: 'brand',
    });
  }
  if (order.activatedAt) add({ at: order.activatedAt, key: 'activated', title: t('orderDetail.timeline.activated'), color: 'teal' });
  if (usage.firstAt) {
    add({ at: usage.firstAt, key: 'firstUse', title: t('orderDetail.timeline.firstUse'), color: 'teal' });
  }
  if (usage.lastAt && usage.lastAt !== usage.firstAt) {
    add({
      at: usage.lastAt,
      key: 'lastUse',
      title: t('orderDetail.timeline.lastUse'),
      detail: t('orderDetail.timeline.usageSummary', { count: usage.total, days: usage.activeDays }),
      color: 'teal',
    });
  }
  for (const c of cases) {
    add({
      at: c.createdAt,
      key: `case-${c.caseNo}`,
      title: t('orderDetail.timeline.case', { reason: t(`orderVocab.caseReason.${c.reason}`) }),
      detail: (
        <>
          <Anchor size="xs" renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo: c.caseNo }} {...props} />}>
            {c.caseNo}
          </Anchor>{' '}
          · {t(`orderVocab.caseStatus.${c.status}`)}
        </>
      ),
      color: 'orange',
    });
  }
  for (const r of refunds) {
    add({
      at: r.createdAt,
      key: `refund-${r.refundId}`,
      title: t('orderDetail.timeline.refund', { amount: f.money(r.amountFen) }),
      detail: t(`orderVocab.refundStatus.${r.status}`),
      color: r.status === 'failed' ? 'red' : 'grape',
    });
    if (r.settledAt) {
      add({ at: r.settledAt, key: `settled-${r.refundId}`, title: t('orderDetail.timeline.settled', { amount: f.money(r.amountFen) }), color: 'grape' });
    }
  }
  if (order.entitlement?.revokedAt) {
    add({ at: order.entitlement.revokedAt, key: 'revoked', title: t('orderDetail.timeline.revoked'), color: 'red' });
  }
  if (subscription?.cancelledAt) {
    add({ at: subscription.cancelledAt, key: 'autoRenewOff', title: t('orderDetail.timeline.autoRenewOff'), color: 'gray' });
  }
  moments.sort((a, b) => a.at.localeCompare(b.at));

  return (
    <SectionCard title={t('orderDetail.timeline.title')} testId="order-timeline">
      <Timeline bulletSize={12} lineWidth={2} active={moments.length - 1}>
        {moments.map((m) => (
          <Timeline.Item
            key={m.key}
            color={m.color}
            title={
              <Text size="sm" fw={600}>
                {m.title}
              </Text>
            }
            data-moment={m.key}
          >
            <Text size="xs" c="dimmed">
              {f.dateTime(m.at)}
              {m.detail && <> · {m.detail}</>}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </SectionCard>
  );
}
