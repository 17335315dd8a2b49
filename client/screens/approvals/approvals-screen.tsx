import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decidesIn } from '../../../shared/roles';
import { useStaff } from '../../auth/session';
import { CaseApproveDialog } from '../../components/case-approve-dialog';
import { useCaseErrorText } from '../../components/case-error-text';
import { IconAlert, IconChecklist, IconRefresh } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { StatusPage } from '../../components/status-page';
import { useTRPC } from '../../trpc';
import { ApprovalRow, type ApproveTarget } from './approval-row';

const PAGE_SIZE = 50;

/** Refunds waiting for a supervisor, oldest proposal first: approve, or send back with a comment. */
export function ApprovalsScreen() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const errorText = useCaseErrorText();
  const staff = useStaff();
  const list = useInfiniteQuery(
    trpc.cases.list.infiniteQueryOptions(
      { status: 'pending_approval', withTotal: true, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // The list says what is proposed, by whom, when and who may not check it (enough to approve or
  // send back at first paint); each case's own page adds the quote's breakdown (one batched request).
  const details = useQueries({ queries: items.map((item) => trpc.cases.get.queryOptions({ caseNo: item.caseNo })) });
  const detailOf = new Map(items.map((item, i) => [item.caseNo, details[i]]));
  const rows = items
    .map((item) => ({ item, detail: detailOf.get(item.caseNo) }))
    .sort((a, b) => (a.item.proposal?.at ?? a.item.updatedAt).localeCompare(b.item.proposal?.at ?? b.item.updatedAt));
  const [approving, setApproving] = useState<ApproveTarget | null>(null);

  return (
    <>
      <PageHeader
        title={t('approvals.title')}
        description={list.data ? t('approvals.count', { count: list.data.pages[0]?.total ?? items.length }) : t('approvals.subtitle')}
        actions={
          <Button
            variant="default"
            size="sm"
            leftSection={<IconRefresh size={16} />}
            onClick={() => void list.refetch()}
            loading={list.isRefetching}
          >
            {t('approvals.refresh')}
          </Button>
        }
      />
      {list.isPending ? (
        <Stack gap="sm" aria-busy="true">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} h={76} radius="md" />
          ))}
        </Stack>
      ) : list.isError ? (
        <Alert color="red" icon={<IconAlert />} title={t('approvals.loadFailed')} data-testid="approvals-error">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorText(list.error).title}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </Button>
          </Stack>
        </Alert>
      ) : rows.length === 0 ? (
        <StatusPage
          icon={<IconChecklist size={26} />}
          title={t('approvals.emptyTitle')}
          description={t('approvals.emptyBody')}
          maw={520}
          testId="approvals-empty"
          actions={
            <Button variant="light" renderRoot={(props) => <Link to="/cases" search={{ view: 'team' }} {...props} />}>
              {t('approvals.toQueue')}
            </Button>
          }
        />
      ) : (
        <Stack gap="sm" data-testid="approvals-list">
          <Text size="xs" c="dimmed" data-testid="approvals-note">
            {t(decidesIn(staff.role, 'approvals') ? 'approvals.orderNote' : 'approvals.orderNoteReadOnly')}
          </Text>
          {rows.map(({ item, detail }) => (
            <ApprovalRow key={item.caseNo} item={item} detail={detail?.data} detailFailed={!!detail?.isError} onApprove={setApproving} />
          ))}
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('approvals.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {approving && (
        <CaseApproveDialog
          opened
          onClose={() => setApproving(null)}
          caseNo={approving.caseNo}
          orderNo={approving.orderNo}
          paymentChannel={approving.paymentChannel}
          quote={approving.quote}
          expectedVersion={approving.version}
        />
      )}
    </>
  );
}
