import { Badge, Button, Divider, Group, Progress, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TierBadge } from '../../components/order-badges';
import { useFormat } from '../../lib/format';
import { Facts } from './facts';
import type { OrderDetail, OrderPage } from './order-page-types';
import { SectionCard } from './section-card';
import classes from './order-detail.module.css';
import { useInLanguage } from '../../i18n/use-in-language';
import { CancelAutoRenewModal } from './cancel-auto-renew-modal';

type EntitlementState = 'revoked' | 'notActivated' | 'expired' | 'active' | 'none';

function entitlementState(order: OrderDetail, now: number): EntitlementState {
  const e = order.entitlement;
  if (!e) return 'none';
  if (e.revokedAt) return 'revoked';
  if (!order.activatedAt) return 'notActivated';
  if (Date.parse(e.endsAt) < now) return 'expired';
  return 'active';
}

const STATE_COLOR: Record<EntitlementState, string> = {
  revoked: 'red',
  notActivated: 'gray',
  expired: 'gray',
  active: 'teal',
  none: 'gray',
};

export function MembershipSection({
  order,
  subscription,
  canCancelAutoRenew,
}: {
  order: OrderDetail;
  subscription: OrderPage['subscription'];
  /** agents and supervisors (the server refuses anyone else) */
  canCancelAutoRenew: boolean;
}) {
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  const f = useFormat();
  const [now] = useState(() => Date.now());
  const state = entitlementState(order, now);
  const e = order.entitlement;
  const [cancelling, setCancelling] = useState(false);
  const percent = Math.min(100, Math.round((order.usedDaysSoFar / order.durationDays) * 100));

  return (
    <SectionCard
      title={t('orderDetail.membership.title')}
      testId="membership-section"
      actions={
        <Badge color={STATE_COLOR[state]} variant="light" radius="sm" data-testid="entitlement-state">
          {t(`orderDetail.membership.state.${state}`)}
        </Badge>
      }
    >
      <Facts
        rows={[
          [
            t('orderDetail.membership.plan'),
            <Group gap={6} key="plan" wrap="wrap">
              <Text span size="sm" fw={600}>
                {inLanguage(order.planNameZh, order.planNameEn)}
              </Text>
              <TierBadge tier={order.tier} size="xs" />
              <Text span size="xs" c="dimmed" className={classes.mono}>
                {order.planCode}
              </Text>
            </Group>,
          ],
          [t('orderDetail.membership.duration'), t('orderDetail.days', { count: order.durationDays })],
          [
            t('orderDetail.membership.activatedAt'),
            order.activatedAt ? f.dateTime(order.activatedAt) : t('orderDetail.membership.notActivated'),
          ],
          e && [t('orderDetail.membership.period'), `${f.dateTime(e.startsAt)} → ${f.dateTime(e.endsAt)}`],
          e?.revokedAt && [
            t('orderDetail.membership.revokedAt'),
            <Text span size="sm" c="red" key="rev">
              {f.dateTime(e.revokedAt)}
            </Text>,
          ],
          [
            t('orderDetail.membership.used'),
            <div key="used">
              <Text span size="sm" fw={600} data-testid="used-days">
                {t('orderDetail.membership.usedOf', { used: order.usedDaysSoFar, total: order.durationDays })}
              </Text>
              <Progress value={percent} size="sm" mt={4} color={percent >= 100 ? 'gray' : 'brand'} aria-hidden />
            </div>,
          ],
        ]}
      />
      <Divider my="sm" label={t('orderDetail.subscription.title')} labelPosition="left" />
      {subscription ? (
        <Facts
          rows={[
            [
              t('orderDetail.subscription.status'),
              <Badge
                key="s"
                size="sm"
                radius="sm"
                variant="light"
                color={subscription.status === 'active' ? 'indigo' : 'gray'}
                data-testid="subscription-status"
              >
                {t(`orderVocab.subscriptionStatus.${subscription.status}`)}
              </Badge>,
            ],
            [t('orderDetail.subscription.startedAt'), f.dateTime(subscription.startedAt)],
            subscription.status === 'active' &&
              subscription.nextChargeAt && [t('orderDetail.subscription.nextChargeAt'), f.dateTime(subscription.nextChargeAt)],
            subscription.cancelledAt && [
              t('orderDetail.subscription.cancelledAt'),
              subscription.cancelledBy
                ? t('orderDetail.subscription.cancelledBy', { at: f.dateTime(subscription.cancelledAt), by: subscription.cancelledBy })
                : f.dateTime(subscription.cancelledAt),
            ],
          ]}
        />
      ) : (
        <Text size="sm" c="dimmed" data-testid="subscription-status">
          {order.autoRenewPlan ? t('orderDetail.subscription.noneFound') : t('orderDetail.subscription.notAutoRenew')}
        </Text>
      )}
      {subscription?.status === 'active' && (
        <Text size="xs" c="indigo.8" mt="xs">
          {t('orderDetail.subscription.activeNote')}
        </Text>
      )}
      {subscription?.status === 'active' && canCancelAutoRenew && (
        <>
          <Group justify="flex-end" mt="xs">
            <Button size="xs" variant="light" color="red" onClick={() => setCancelling(true)} data-testid="cancel-auto-renew">
              {t('orderDetail.autoRenew.button')}
            </Button>
          </Group>
          <CancelAutoRenewModal
            opened={cancelling}
            uid={order.memberUid}
            planCode={order.planCode}
            planName={inLanguage(order.planNameZh, order.planNameEn)}
            onClose={() => setCancelling(false)}
          />
        </>
      )}
    </SectionCard>
  );
}
