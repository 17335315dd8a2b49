import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import type { CaseDetail } from '../../components/case-api-types';
import { IconCheck, IconClock } from '../../components/icons';
import { formatDateTime } from '../../lib/format';

/** Where the case stands, in one sentence, with the last decision's note where it matters. */
export function DecisionStatus({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { case: c, refunds, decisions, quotes } = detail;
  const lastRefund = refunds.at(-1);
  const last = (action: string) => decisions.filter((d) => d.action === action).at(-1);
  const note = (text: string | undefined) =>
    text ? (
      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
        “{text}”
      </Text>
    ) : null;

  if (c.status === 'refunded' && lastRefund) {
    return (
      <Alert
        color="green"
        icon={<IconCheck />}
        title={t('caseDetail.state.refunded', { amount: formatFen(lastRefund.amountFen) })}
        data-testid="refund-result"
        data-refund-status={lastRefund.status}
      >
        <Text size="xs">
          {t('caseDetail.state.refundedDetail', {
            channel: t(`cases.paymentChannel.${detail.order.paymentChannel}`),
            at: formatDateTime(lastRefund.settledAt ?? lastRefund.createdAt),
            by: lastRefund.approvedBy,
            ref: lastRefund.gatewayRef ?? '—',
          })}
        </Text>
      </Alert>
    );
  }
  if (c.status === 'approved' && lastRefund) {
    return (
      <Alert
        color="orange"
        icon={<IconClock />}
        title={t('caseDetail.state.settling', { amount: formatFen(lastRefund.amountFen) })}
        data-testid="refund-result"
        data-refund-status={lastRefund.status}
      >
        <Text size="xs">{t('caseDetail.state.settlingDetail', { channel: t(`cases.paymentChannel.${detail.order.paymentChannel}`) })}</Text>
      </Alert>
    );
  }
  if (c.status === 'pending_approval') {
    const proposal = last('propose');
    const quote = quotes.find((q) => q.quoteId === c.proposedQuoteId);
    return (
      <Alert
        color="violet"
        title={t('caseDetail.state.pending', { who: c.proposedBy ?? '—', amount: quote ? formatFen(quote.amountFen) : '—' })}
        data-testid="pending-banner"
      >
        {note(proposal?.note)}
      </Alert>
    );
  }
  if (c.status === 'rejected') {
    const rejection = last('reject');
    return (
      <Alert
        color="red"
        title={t('caseDetail.state.rejected', {
          reason: c.rejectReasonCode ? t(`cases.rejectReason.${c.rejectReasonCode as 'outside_window'}`) : '—',
        })}
      >
        {note(rejection?.note)}
      </Alert>
    );
  }
  if (c.status === 'closed') {
    const closing = decisions.at(-1);
    return (
      <Alert color="gray" title={closing?.action === 'redirect_to_store' ? t('caseDetail.state.redirected') : t('caseDetail.state.closed')}>
        {note(closing?.note)}
      </Alert>
    );
  }
  const lastDecision = decisions.at(-1);
  if (lastRefund?.status === 'failed' && lastDecision?.action === 'payment_failed') {
    return (
      <Alert color="red" title={t('caseDetail.state.declined')} data-testid="refund-result" data-refund-status="failed">
        <Text size="sm">{t('caseDetail.state.declinedDetail', { reason: lastRefund.failureReason ?? '—' })}</Text>
      </Alert>
    );
  }
  if (lastDecision?.action === 'send_back') {
    return (
      <Alert color="yellow" title={t('caseDetail.state.sentBack', { who: lastDecision.actor })}>
        {note(lastDecision.note)}
      </Alert>
    );
  }
  if (c.status === 'reopened') {
    return (
      <Alert color="orange" title={t('caseDetail.state.reopened')}>
        {note(last('reopen')?.note)}
      </Alert>
    );
  }
  return null;
}
