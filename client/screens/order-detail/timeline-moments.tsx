import { Anchor, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { callDuration, CommChannelIcon, DeliveryBadge } from '../../components/comm-badges';
import type { useFormat } from '../../lib/format';
import type { OrderPage } from './order-page-types';

/** What the timeline's filter narrows to. */
export const MOMENT_KINDS = ['payment', 'membership', 'case', 'message'] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

export interface Moment {
  at: string;
  key: string;
  kind: MomentKind;
  title: ReactNode;
  detail?: ReactNode;
  /** a message's words, under its line */
  body?: string;
  color: string;
}

type Format = ReturnType<typeof useFormat>;
type Comm = OrderPage['communications'][number];

function caseLink(caseNo: string) {
  return (
    <Anchor size="xs" underline="always" renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo }} {...props} />}>
      {caseNo}
    </Anchor>
  );
}

function messageMoment(c: Comm, t: TFunction): Moment {
  return {
    at: c.createdAt,
    key: `comm-${c.commId}`,
    kind: 'message',
    title: (
      <Group gap={6} wrap="nowrap" component="span">
        <CommChannelIcon channel={c.channel} direction={c.direction} size={18} />
        <span>
          {t(`caseDetail.comms.direction.${c.direction}`)} · {t(`caseDetail.comms.channel.${c.channel}`)}
        </span>
      </Group>
    ),
    detail: (
      <>
        {c.author ?? t('comms.result.system')}
        {c.durationSec !== null && <> · {t('comms.result.duration', { duration: callDuration(c.durationSec) })}</>}
        {c.caseNo && <> · {caseLink(c.caseNo)}</>}
        {c.direction === 'outbound' && c.deliveryStatus && (
          <>
            {' '}
            <DeliveryBadge status={c.deliveryStatus} />
          </>
        )}
      </>
    ),
    body: c.body,
    color: c.direction === 'inbound' ? 'blue' : c.direction === 'outbound' ? 'teal' : 'yellow',
  };
}

/** The order's story: purchase, membership, cases, refunds and every message on its cases. */
export function orderMoments(page: OrderPage, t: TFunction, f: Format): Moment[] {
  const { order, usage, cases, refunds, subscription } = page;
  const moments: Moment[] = [];
  const add = (m: Moment) => moments.push(m);

  add({ at: order.createdAt, key: 'created', kind: 'payment', title: t('orderDetail.timeline.created'), color: 'gray' });
  if (order.paidAt) {
    add({
      at: order.paidAt,
      key: 'paid',
      kind: 'payment',
      title: t('orderDetail.timeline.paid', { amount: f.money(order.paidFen) }),
      detail: t(`orderVocab.channel.${order.paymentChannel}`),
      color: 'brand',
    });
  }
  if (order.activatedAt)
    add({ at: order.activatedAt, key: 'activated', kind: 'membership', title: t('orderDetail.timeline.activated'), color: 'teal' });
  if (usage.firstAt)
    add({ at: usage.firstAt, key: 'firstUse', kind: 'membership', title: t('orderDetail.timeline.firstUse'), color: 'teal' });
  if (usage.lastAt && usage.lastAt !== usage.firstAt) {
    add({
      at: usage.lastAt,
      key: 'lastUse',
      kind: 'membership',
      title: t('orderDetail.timeline.lastUse'),
      detail: t('orderDetail.timeline.usageSummary', { count: usage.total, days: usage.activeDays }),
      color: 'teal',
    });
  }
  for (const c of cases) {
    add({
      at: c.createdAt,
      key: `case-${c.caseNo}`,
      kind: 'case',
      title: t('orderDetail.timeline.case', { reason: t(`orderVocab.caseReason.${c.reason}`) }),
      detail: (
        <>
          {caseLink(c.caseNo)} · {t(`orderVocab.caseStatus.${c.status}`)}
        </>
      ),
      color: 'orange',
    });
  }
  for (const r of refunds) {
    add({
      at: r.createdAt,
      key: `refund-${r.refundId}`,
      kind: 'payment',
      title: t('orderDetail.timeline.refund', { amount: f.money(r.amountFen) }),
      detail: t(`orderVocab.refundStatus.${r.status}`),
      color: r.status === 'failed' ? 'red' : 'grape',
    });
    if (r.settledAt) {
      add({
        at: r.settledAt,
        key: `settled-${r.refundId}`,
        kind: 'payment',
        title: t('orderDetail.timeline.settled', { amount: f.money(r.amountFen) }),
        color: 'grape',
      });
    }
  }
  if (order.entitlement?.revokedAt) {
    add({ at: order.entitlement.revokedAt, key: 'revoked', kind: 'membership', title: t('orderDetail.timeline.revoked'), color: 'red' });
  }
  if (subscription?.cancelledAt) {
    add({
      at: subscription.cancelledAt,
      key: 'autoRenewOff',
      kind: 'membership',
      title: t('orderDetail.timeline.autoRenewOff'),
      color: 'gray',
    });
  }
  for (const c of page.communications) add(messageMoment(c, t));
  // Newest first; at the same instant, the later-added (a message after its case) on top.
  return moments
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.at.localeCompare(a.m.at) || b.i - a.i)
    .map(({ m }) => m);
}

/** A message's words, three lines at most: the whole text on hover. */
export function MomentBody({ body }: { body: string }) {
  return (
    <Text
      size="xs"
      c="gray.8"
      lineClamp={3}
      title={body}
      mt={2}
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      data-testid="moment-body"
    >
      {body}
    </Text>
  );
}
