import { Alert, Button, Grid, Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../auth/session';
import type { CaseDetail } from '../../components/case-api-types';
import { useCaseErrorText } from '../../components/case-error-text';
import { IconAlert, IconCompass } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { FailurePage, StatusPage } from '../../components/status-page';
import { errorCode } from '../../lib/trpc-errors';
import { useTRPC } from '../../trpc';
import { capabilitiesFor } from './case-capabilities';
import { CaseFacts } from './case-facts';
import { CaseSummary } from './case-summary';
import { CaseTimeline } from './case-timeline';
import { Conversation } from './conversation';
import { DecisionPanel } from './decision-panel';
import { StoreRequestPanel } from './store-request-panel';
import { EvidenceSection } from './evidence-section';
import { QuotePanel } from './quote-panel';
import { useDecisionQuote } from './use-decision-quote';
import classes from './case-detail.module.css';

const route = getRouteApi('/cases/$caseNo');
const IN_FLIGHT = new Set(['pending', 'retrying']);
const IN_FLIGHT_POLL_MS = 3000;

export function CaseDetailScreen() {
  const { t } = useTranslation();
  const { caseNo } = route.useParams();
  const trpc = useTRPC();
  // While a message to the member is still on its way (the outbox delivers within seconds), the
  // page asks again, so its delivery status moves to sent or failed without a reload.
  const query = useQuery({
    ...trpc.cases.get.queryOptions({ caseNo }),
    refetchInterval: (q) => (q.state.data?.communications.some((c) => IN_FLIGHT.has(c.deliveryStatus ?? '')) ? IN_FLIGHT_POLL_MS : false),
  });
  const title = t('cases.detail.title', { caseNo });

  if (query.isPending) {
    return (
      <>
        <PageHeader title={title} description={t('common.loading')} />
        <Grid gap="md" aria-busy="true">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <Skeleton h={120} radius="md" />
              <Skeleton h={320} radius="md" />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Skeleton h={260} radius="md" />
          </Grid.Col>
        </Grid>
      </>
    );
  }
  if (query.isError) return <CaseLoadError title={title} error={query.error} onRetry={() => void query.refetch()} />;
  // keyed by case: moving to another case starts from its defaults (no picks carried over)
  return <CaseWorkspace key={caseNo} detail={query.data} title={title} />;
}

function CaseLoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorText = useCaseErrorText();
  const backToQueue = (
    <Button variant="default" renderRoot={(props) => <Link to="/cases" {...props} />}>
      {t('caseDetail.backToQueue')}
    </Button>
  );
  return (
    <>
      <PageHeader title={title} />
      {errorCode(error) === 'NOT_FOUND' ? (
        <StatusPage
          testId="case-not-found"
          icon={<IconCompass size={28} />}
          color="gray"
          title={t('caseDetail.notFoundTitle')}
          description={t('caseDetail.notFoundBody')}
          actions={backToQueue}
        />
      ) : (
        <FailurePage
          testId="case-error"
          title={t('caseDetail.loadFailed')}
          description={errorText(error).title}
          actions={backToQueue}
          onRetry={onRetry}
        />
      )}
    </>
  );
}

function CaseWorkspace({ detail, title }: { detail: CaseDetail; title: string }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [decisionQuote, setDecisionQuote] = useDecisionQuote(detail);
  const caps = capabilitiesFor(detail, staff, decisionQuote);
  const c = detail.case;
  return (
    <>
      <PageHeader
        title={title}
        description={t('caseDetail.subtitle', { reason: t(`cases.reason.${c.reason}`), intake: t(`cases.intake.${c.channel}`) })}
        actions={
          <Button
            variant="default"
            size="sm"
            renderRoot={(props) => <Link to="/orders/$orderNo" params={{ orderNo: c.orderNo }} {...props} />}
          >
            {t('caseDetail.openOrder')}
          </Button>
        }
      />
      {caps.readOnly && (
        <Alert color="gray" mb="md" icon={<IconAlert />} data-testid="read-only">
          {t('caseDetail.readOnly')}
        </Alert>
      )}
      <div className={classes.workspace} data-testid="case-workspace">
        <div className={classes.main}>
          <StoreRequestPanel detail={detail} canWrite={!caps.readOnly} />
          <CaseSummary detail={detail} canAssign={caps.assign} />
          <CaseFacts detail={detail} canCancelAutoRenew={!caps.readOnly} />
          <EvidenceSection detail={detail} canWrite={!caps.readOnly} />
          <QuotePanel detail={detail} caps={caps} quote={decisionQuote} />
          <Conversation detail={detail} quote={decisionQuote} canWrite={!caps.readOnly} />
        </div>
        <div className={classes.side} data-testid="case-side">
          <DecisionPanel detail={detail} caps={caps} quote={decisionQuote} onQuoteChange={setDecisionQuote} />
          <CaseTimeline detail={detail} />
        </div>
      </div>
    </>
  );
}
