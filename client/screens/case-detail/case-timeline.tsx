import { Paper, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseAction } from '../../../shared/case-transitions';
import { formatFen } from '../../../shared/refund/format';
import type { CaseDetail } from '../../components/case-api-types';
import { quoteBasisKind } from '../../components/quote-card';
import { formatDateTime } from '../../lib/format';

interface Entry {
  key: string;
  at: string;
  color: string;
  title: string;
  who: string;
  note?: string;
}

const ACTION_COLOR: Partial<Record<CaseAction, string>> = {
  approve: 'teal',
  payment_succeeded: 'green',
  payment_failed: 'red',
  reject: 'red',
  propose: 'violet',
  send_back: 'yellow',
  reopen: 'orange',
  redirect_to_store: 'orange',
  store_refunded: 'grape',
  close: 'gray',
};

/** Who did what, when, with their note: the case's decisions, quotes and refunds in order. */
export function CaseTimeline({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { case: c } = detail;
  // a decision names its quote by basis and amount (what people ask about), not by its number
  const quoteGist = (quoteId: number) => {
    const q = detail.quotes.find((x) => x.quoteId === quoteId);
    return q
      ? t('caseDetail.timeline.decidedQuote', { basis: t(`cases.basis.${quoteBasisKind(q)}`), amount: formatFen(q.amountFen) })
      : `#${quoteId}`;
  };
  const entries: Entry[] = [
    {
      key: 'created',
      at: c.createdAt,
      color: 'blue',
      title: t('caseDetail.timeline.created', { reason: t(`cases.reason.${c.reason}`) }),
      who: c.createdBy,
    },
    ...detail.quotes.map((q) => ({
      key: `q${q.quoteId}`,
      at: q.createdAt,
      color: 'gray',
      title: t('caseDetail.timeline.quoted', {
        id: q.quoteId,
        basis: t(`cases.basis.${quoteBasisKind(q)}`),
        amount: formatFen(q.amountFen),
      }),
      who: q.createdBy,
      // a goodwill quote carries its reason in its basis as "goodwill: …"
      note: q.basis.kind === 'manual' ? q.basis.reason.replace(/^goodwill:\s*/, '') : undefined,
    })),
    ...detail.decisions.map((d, i) => ({
      key: `d${i}`,
      at: d.createdAt,
      color: ACTION_COLOR[d.action as CaseAction] ?? 'blue',
      title:
        t(`caseDetail.timeline.action.${d.action as CaseAction}`, { defaultValue: d.action }) +
        (d.reasonCode ? ` · ${t(`cases.rejectReason.${d.reasonCode as 'outside_window'}`, { defaultValue: d.reasonCode })}` : '') +
        (d.quoteId ? ` · ${quoteGist(d.quoteId)}` : ''),
      who: `${d.actor} · ${t(`common.roles.${d.actorRole as 'agent'}`, { defaultValue: d.actorRole })}`,
      note: d.note || undefined,
    })),
    ...detail.refunds.map((r) => ({
      key: `r${r.refundId}`,
      at: r.createdAt,
      color: r.status === 'failed' ? 'red' : 'green',
      title: t('caseDetail.timeline.refund', {
        id: r.refundId,
        amount: formatFen(r.amountFen),
        status: t(`cases.refundStatus.${r.status}`),
      }),
      who: r.approvedBy,
      note: r.failureReason ?? (r.gatewayRef ? t('caseDetail.timeline.gatewayRef', { ref: r.gatewayRef }) : undefined),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <Paper withBorder radius="md" p="md" data-testid="case-timeline">
      <Title order={2} size="h4" mb="md">
        {t('caseDetail.timeline.title')}
      </Title>
      <Timeline active={entries.length - 1} bulletSize={12} lineWidth={2}>
        {entries.map((e) => (
          <Timeline.Item
            key={e.key}
            color={e.color}
            title={
              <Text size="sm" fw={600}>
                {e.title}
              </Text>
            }
            data-testid="timeline-entry"
          >
            <Text size="xs" c="dimmed">
              {e.who} · {formatDateTime(e.at)}
            </Text>
            {e.note && (
              <Text size="xs" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
