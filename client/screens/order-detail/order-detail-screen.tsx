import { Alert, Anchor, Breadcrumbs, Button, CopyButton, Grid, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../auth/session';
import { IconAlert, IconRefresh } from '../../components/icons';
import { AnomalyBadge, OrderStatusBadge, TierBadge } from '../../components/order-badges';
import { errorCode } from '../../lib/trpc-errors';
import { useTRPC } from '../../trpc';
import { lastOrderSearch } from '../orders/last-order-search';
import { CasesSection } from './cases-section';
import { MemberSection } from './member-section';
import { MembershipSection } from './membership-section';
import { NotRefundableNotice } from './not-refundable-notice';
import { OpenCaseModal } from './open-case-modal';
import { OrderNotFound } from './order-not-found';
import type { OrderPage } from './order-page-types';
import { OrderTimeline } from './order-timeline';
import { PaymentSection } from './payment-section';
import { RelatedOrdersSection } from './related-orders-section';
import { StoreSection } from './store-section';
import { UsageLog } from './usage-log';
import { preloadUsageChart, UsageOverview } from './usage-overview';
import { useInLanguage } from '../../i18n/use-in-language';

const route = getRouteApi('/orders/$orderNo');

// Roles that work cases (the server checks again: auditors get FORBIDDEN).
const WORKERS = new Set(['agent', 'supervisor']);

export function OrderDetailScreen() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { orderNo } = route.useParams();
  // One call for the whole page: order, member, entitlement, related orders, cases, refunds
  // and the usage summary (no request waterfall). The usage log pages in on its own below.
  const query = useQuery(trpc.orders.get.queryOptions({ orderNo }));
  const page = query.data;
  useEffect(preloadUsageChart, []);

  return (
    <>
      <Breadcrumbs mb="xs" separator="›" fz="sm" data-testid="breadcrumbs">
        <Anchor size="sm" renderRoot={(props) => <Link to="/orders" search={lastOrderSearch()} {...props} />}>
          {t('orderDetail.backToOrders')}
        </Anchor>
        <Text size="sm" c="dimmed" ff="monospace">
          {orderNo}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end" mb="md" wrap="nowrap">
        <Stack gap={6}>
          <Title order={1} size="h2" fw={650}>
            {t('orders.detail.title', { orderNo })}
          </Title>
          {page ? (
            <HeaderBadges page={page} />
          ) : (
            <Text c="dimmed" size="sm">
              {t('orderDetail.subtitle')}
            </Text>
          )}
        </Stack>
        {page && (
          <Group gap="sm" wrap="nowrap">
            <HeaderActions page={page} />
          </Group>
        )}
      </Group>
      {query.isPending ? (
        <DetailSkeleton />
      ) : query.isError ? (
        errorCode(query.error) === 'NOT_FOUND' ? (
          <OrderNotFound orderNo={orderNo} />
        ) : (
          <Alert color="red" icon={<IconAlert size={18} />} title={t('orderDetail.loadFailedTitle')} data-testid="order-error">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('orderDetail.loadFailed')}</Text>
              <Button size="xs" variant="light" color="red" leftSection={<IconRefresh size={14} />} onClick={() => void query.refetch()}>
                {t('common.retry')}
              </Button>
            </Stack>
          </Alert>
        )
      ) : (
        <OrderBody page={query.data} />
      )}
    </>
  );
}

function HeaderBadges({ page }: { page: OrderPage }) {
  const inLanguage = useInLanguage();
  const { order } = page;
  return (
    <Group gap={6} data-testid="order-badges">
      <OrderStatusBadge status={order.status} size="md" />
      {order.anomaly && <AnomalyBadge anomaly={order.anomaly} size="md" />}
      <TierBadge tier={order.tier} size="md" />
      <Text span size="sm" c="dimmed">
        {inLanguage(order.planNameZh, order.planNameEn)} · {order.nickname}
      </Text>
    </Group>
  );
}

function HeaderActions({ page }: { page: OrderPage }) {
  const { t } = useTranslation();
  const { order } = page;
  return (
    <>
      <CopyButton value={order.orderNo}>
        {({ copied, copy }) => (
          <Button size="xs" variant="default" onClick={copy}>
            {copied ? t('orderDetail.copied') : t('orderDetail.copyOrderNo')}
          </Button>
        )}
      </CopyButton>
    </>
  );
}

function OrderBody({ page }: { page: OrderPage }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [caseFormOpen, setCaseFormOpen] = useState(false);
  const { order } = page;
  const canOpenCase = WORKERS.has(staff.role) && !order.openCaseNo;

  return (
    <Stack gap="md" data-testid="order-detail">
      {order.paymentChannel === 'apple_iap' && (
        <Alert color="yellow" icon={<IconAlert size={18} />} title={t('orderDetail.appleIapTitle')} data-testid="apple-iap-warning">
          <Text size="sm">{t('orderDetail.appleIap')}</Text>
        </Alert>
      )}
      <NotRefundableNotice order={order} />
      {order.openCaseNo ? (
        <Alert color="brand" data-testid="open-case-alert">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('orderDetail.openCaseExists', { caseNo: order.openCaseNo })}</Text>
            <Anchor
              size="sm"
              fw={600}
              renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo: order.openCaseNo! }} {...props} />}
            >
              {t('orderDetail.goToCase')}
            </Anchor>
          </Group>
        </Alert>
      ) : (
        canOpenCase && (
          <Group
            justify="space-between"
            wrap="nowrap"
            px="md"
            py="xs"
            bg="white"
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Text size="sm" c="dimmed">
              {t('orderDetail.noOpenCase')}
            </Text>
            <Button size="xs" onClick={() => setCaseFormOpen(true)} data-testid="open-case">
              {t('orderDetail.openCase.button')}
            </Button>
          </Group>
        )
      )}

      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        <PaymentSection order={order} />
        <MembershipSection order={order} subscription={page.subscription} canCancelAutoRenew={WORKERS.has(staff.role)} />
        <MemberSection member={page.member} />
      </SimpleGrid>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <UsageOverview page={page} />
            <UsageLog orderNo={order.orderNo} summary={page.usage} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <OrderTimeline page={page} />
            <CasesSection order={order} cases={page.cases} refunds={page.refunds} />
            {page.store && <StoreSection store={page.store} />}
            <RelatedOrdersSection order={order} related={page.relatedOrders} />
          </Stack>
        </Grid.Col>
      </Grid>
      {canOpenCase && <OpenCaseModal order={order} opened={caseFormOpen} onClose={() => setCaseFormOpen(false)} />}
    </Stack>
  );
}

function DetailSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" data-testid="order-skeleton">
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={230} radius="md" />
        ))}
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Skeleton height={320} radius="md" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Skeleton height={320} radius="md" />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
