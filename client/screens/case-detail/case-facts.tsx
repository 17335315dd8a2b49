import { Anchor, Badge, Blockquote, Button, DataList, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import type { CaseDetail } from '../../components/case-api-types';
import { formatDate, formatDateTime } from '../../lib/format';
import { useTRPC } from '../../trpc';
import { useInLanguage } from '../../i18n/use-in-language';
import { useRefreshCase } from '../../components/case-refresh';
import { CancelAutoRenewModal } from '../order-detail/cancel-auto-renew-modal';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function Heading({ children }: { children: ReactNode }) {
  return (
    <Title order={2} size="h6" c="dimmed" fw={600} mb={6}>
      {children}
    </Title>
  );
}

/** What the decision rests on: the order, the membership and its use, the member's own words. */
export function CaseFacts({ detail, canCancelAutoRenew }: { detail: CaseDetail; canCancelAutoRenew: boolean }) {
  const { t } = useTranslation();
  const refresh = useRefreshCase();
  const [cancellingRenew, setCancellingRenew] = useState(false);
  const trpc = useTRPC();
  const { order, case: c } = detail;
  const page = useQuery(trpc.orders.get.queryOptions({ orderNo: order.orderNo }));
  const inLanguage = useInLanguage();
  const sub = page.data?.subscription;
  const entitlement = page.data?.order.entitlement;
  const usage = page.data?.usage;

  return (
    <Paper withBorder radius="md" p="md" data-testid="case-facts">
      <SimpleGrid type="container" cols={{ base: 1, '540px': 2, '760px': 3 }} spacing="lg">
        <div>
          <Heading>{t('caseDetail.facts.order')}</Heading>
          <DataList size="xs" gap={6} labelWidth={64}>
            <Fact label={t('caseDetail.facts.orderNo')}>
              <Anchor
                renderRoot={(props) => <Link to="/orders/$orderNo" params={{ orderNo: order.orderNo }} {...props} />}
                ff="monospace"
                size="xs"
                fw={600}
                data-testid="order-link"
              >
                {order.orderNo}
              </Anchor>
            </Fact>
            <Fact label={t('caseDetail.facts.plan')}>
              <Group gap={4} wrap="wrap">
                <Text size="xs">{inLanguage(order.planNameZh, order.planNameEn)}</Text>
                <Badge size="xs" variant="light" color={order.tier === 'standard' ? 'blue' : 'grape'} radius="sm" tt="none">
                  {t(`cases.tier.${order.tier}`)}
                </Badge>
              </Group>
            </Fact>
            <Fact label={t('caseDetail.facts.paid')}>
              <Text size="xs" fw={600}>
                {formatFen(order.paidFen)}
                {order.refundedFen > 0 && (
                  <Text span size="xs" c="dimmed" fw={400}>
                    {' '}
                    {t('caseDetail.facts.refundedSoFar', { amount: formatFen(order.refundedFen) })}
                  </Text>
                )}
              </Text>
            </Fact>
            <Fact label={t('caseDetail.facts.orderStatus')}>
              <Group gap={4}>
                <Text size="xs" data-testid="order-status">
                  {t(`cases.orderStatus.${order.status}`)}
                </Text>
                {order.anomaly && (
                  <Badge size="xs" color="red" variant="light" radius="sm" tt="none">
                    {t(`cases.anomaly.${order.anomaly}`)}
                  </Badge>
                )}
                {order.isRenewal && (
                  <Badge size="xs" color="gray" variant="light" radius="sm" tt="none">
                    {t('caseDetail.facts.renewal')}
                  </Badge>
                )}
              </Group>
            </Fact>
            <Fact label={t('caseDetail.facts.payment')}>
              {t(`cases.paymentChannel.${order.paymentChannel}`)} · {t(`cases.platform.${order.platform}`)}
            </Fact>
            <Fact label={t('caseDetail.facts.paidAt')}>{order.paidAt ? formatDateTime(order.paidAt) : '—'}</Fact>
            <Fact label={t('caseDetail.facts.appliedAt')}>
              <Text span size="xs" data-testid="applied-at" data-applied-at={c.appliedAt}>
                {formatDateTime(c.appliedAt)}
              </Text>
              <Text span size="xs" c="dimmed">
                {' '}
                {c.appliedAt === c.createdAt ? t('caseDetail.facts.appliedAtOpening') : t('caseDetail.facts.appliedAtContact')}
              </Text>
            </Fact>
          </DataList>
        </div>
        <div>
          <Heading>{t('caseDetail.facts.membership')}</Heading>
          {page.isPending ? (
            <Stack gap={8}>
              <Skeleton h={14} />
              <Skeleton h={14} />
              <Skeleton h={14} />
            </Stack>
          ) : page.isError ? (
            <Text size="xs" c="dimmed">
              {t('caseDetail.facts.membershipUnavailable')}
            </Text>
          ) : (
            <DataList size="xs" gap={6} labelWidth={64}>
              <Fact label={t('caseDetail.facts.member')}>
                {page.data.member.nickname}{' '}
                <Text span size="xs" c="dimmed" ff="monospace">
                  {page.data.member.uid}
                </Text>
              </Fact>
              <Fact label={t('caseDetail.facts.phone')}>{page.data.member.phoneMasked ?? '—'}</Fact>
              <Fact label={t('caseDetail.facts.activated')}>
                {page.data.order.activatedAt ? formatDateTime(page.data.order.activatedAt) : t('caseDetail.facts.notActivated')}
              </Fact>
              <Fact label={t('caseDetail.facts.period')}>
                {entitlement ? `${formatDate(entitlement.startsAt)} – ${formatDate(entitlement.endsAt)}` : '—'}
                {entitlement?.revokedAt && (
                  <Text span size="xs" c="red">
                    {' '}
                    {t('caseDetail.facts.revoked', { at: formatDate(entitlement.revokedAt) })}
                  </Text>
                )}
              </Fact>
              <Fact label={t('caseDetail.facts.usage')}>
                {usage && usage.total > 0
                  ? t('caseDetail.facts.usageSummary', { count: usage.total, days: usage.activeDays })
                  : t('caseDetail.facts.noUsage')}
              </Fact>
              <Fact label={t('caseDetail.facts.autoRenew')}>
                {sub ? (
                  <Group gap={6} wrap="wrap">
                    <Text span size="xs" c={sub.status === 'active' ? 'orange' : undefined} fw={sub.status === 'active' ? 600 : 400}>
                      {sub.status === 'active' ? t('caseDetail.facts.autoRenewOn') : t('caseDetail.facts.autoRenewOff')}
                    </Text>
                    {sub.status === 'active' && canCancelAutoRenew && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="orange"
                        onClick={() => setCancellingRenew(true)}
                        data-testid="case-cancel-auto-renew"
                      >
                        {t('orderDetail.autoRenew.button')}
                      </Button>
                    )}
                  </Group>
                ) : (
                  t('caseDetail.facts.autoRenewNone')
                )}
              </Fact>
            </DataList>
          )}
        </div>
        <div>
          <Heading>{t('caseDetail.facts.statement')}</Heading>
          {c.statement ? (
            <Blockquote p="xs" fz="sm" color="gray" iconSize={0} data-testid="statement" style={{ whiteSpace: 'pre-wrap' }}>
              {c.statement}
            </Blockquote>
          ) : (
            <Text size="xs" c="dimmed">
              {t('caseDetail.facts.noStatement')}
            </Text>
          )}
        </div>
      </SimpleGrid>
      {cancellingRenew && (
        <CancelAutoRenewModal
          opened
          uid={c.memberUid}
          planCode={order.planCode}
          planName={inLanguage(order.planNameZh, order.planNameEn)}
          onClose={() => {
            setCancellingRenew(false);
            // the order's facts changed: quotes made before may be stale now
            void refresh();
          }}
        />
      )}
    </Paper>
  );
}
