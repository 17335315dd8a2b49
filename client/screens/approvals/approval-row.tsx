import { Alert, Anchor, Badge, Button, Collapse, Grid, Group, Paper, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import { decidesIn } from '../../../shared/roles';
import { useStaff } from '../../auth/session';
import type { CaseDetail, CaseListItem } from '../../components/case-api-types';
import { useCaseErrorText } from '../../components/case-error-text';
import { useRefreshCase } from '../../components/case-refresh';
import { CaseSla } from '../../components/case-sla';
import { QuoteCard, QuoteFlags, StaleBadge } from '../../components/quote-card';
import { formatDateTime } from '../../lib/format';
import { useOnline } from '../../lib/online';
import { useTRPC } from '../../trpc';

/** What approving needs: the case, its order's channel, the proposed quote and the version checked against. */
export interface ApproveTarget {
  caseNo: string;
  orderNo: string;
  paymentChannel: CaseListItem['paymentChannel'];
  quote: { quoteId: number; amountFen: number };
  version: number;
}

interface Props {
  item: CaseListItem;
  detail: CaseDetail | undefined;
  detailFailed: boolean;
  onApprove: (target: ApproveTarget) => void;
}

/** The proposal being decided: the last one on the case. */
export function lastProposal(detail: CaseDetail | undefined) {
  return detail?.decisions.filter((d) => d.action === 'propose').at(-1);
}

/** One refund waiting for a supervisor: what is proposed, by whom and why; approve or send back. */
export function ApprovalRow({ item, detail, detailFailed, onApprove }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const staff = useStaff();
  // auditors see the queue read-only; nobody decides while offline (never queued for later)
  const canDecide = decidesIn(staff.role, 'approvals');
  const { online, reason: offlineReason } = useOnline();
  const refresh = useRefreshCase();
  const errorText = useCaseErrorText();
  const [sendingBack, setSendingBack] = useState(false);
  const [showQuote, setShowQuote] = useState(false);
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const sendBack = useMutation(trpc.cases.sendBack.mutationOptions({ onSuccess: () => refresh() }));
  const quote = detail?.quotes.find((q) => q.quoteId === detail.case.proposedQuoteId);
  const proposal = lastProposal(detail);
  // the list carries the proposal's gist, so the row reads before the case's details arrive
  const amountFen = quote?.amountFen ?? item.proposal?.amountFen;
  const proposedBy = detail?.case.proposedBy ?? item.proposal?.by ?? null;
  const proposedAt = proposal?.createdAt ?? item.proposal?.at ?? null;
  const proposalNote = proposal?.note ?? item.proposal?.note;
  // four eyes: whoever made or proposed a supervisor-needing refund on the case never checks it.
  // The queue's list carries who may not check (notCheckers), so the buttons are right at first
  // paint; the case's own details (breakdown, stale message) arrive after.
  const needsSupervisor = quote?.needsSupervisor ?? item.proposal?.needsSupervisor ?? false;
  const notCheckers = detail?.case.notCheckers ?? item.notCheckers ?? [];
  const ownProposal =
    proposedBy === staff.username || (needsSupervisor && (notCheckers.includes(staff.username) || quote?.createdBy === staff.username));
  // the proposal's quote went stale: it cannot be approved; the checker sends it back (never recomputes)
  const staleCode = quote?.stale?.code ?? item.proposalStale;
  const target: ApproveTarget | null = item.proposal
    ? {
        caseNo: item.caseNo,
        orderNo: item.orderNo,
        paymentChannel: detail?.order.paymentChannel ?? item.paymentChannel,
        quote: { quoteId: item.proposal.quoteId, amountFen: amountFen ?? item.proposal.amountFen },
        version: Math.max(detail?.case.version ?? 0, item.version),
      }
    : null;
  const staleMessage = quote?.stale?.message;

  return (
    <Paper withBorder radius="md" p="sm" data-testid="approval-row" data-case-no={item.caseNo}>
      <Grid gap="sm" align="center">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stack gap={2}>
            <Anchor
              renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo: item.caseNo }} {...props} />}
              ff="monospace"
              fw={600}
              size="sm"
            >
              {item.caseNo}
            </Anchor>
            <Text size="xs">
              {item.nickname} · {t(`cases.reason.${item.reason}`)}
            </Text>
            <CaseSla dueAt={item.slaDueAt} status={item.status} size="xs" estimated={item.slaEstimated} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 2 }}>
          {amountFen !== undefined ? (
            <Stack gap={2}>
              <Text fw={700} fz={20} lh={1.2} data-testid="approval-amount">
                {formatFen(amountFen)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('approvals.ofPaid', { paid: formatFen(item.paidFen) })}
              </Text>
            </Stack>
          ) : detailFailed ? (
            <Text size="xs" c="red">
              {t('approvals.detailFailed')}
            </Text>
          ) : (
            <Skeleton h={28} w={90} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {detail || item.proposal ? (
            <Stack gap={4}>
              {quote && <QuoteFlags quote={quote} withStale={false} />}
              <Text size="xs">
                {t('approvals.proposedBy', { who: proposedBy ?? '—', at: proposedAt ? formatDateTime(proposedAt) : '—' })}
              </Text>
              {proposalNote && (
                <Text size="xs" c="dimmed" lineClamp={2} title={proposalNote}>
                  “{proposalNote}”
                </Text>
              )}
              {quote && (
                <Anchor
                  component="button"
                  type="button"
                  size="xs"
                  ta="left"
                  onClick={() => setShowQuote((v) => !v)}
                  data-testid="toggle-breakdown"
                >
                  {showQuote ? t('approvals.hideQuote') : t('approvals.showQuote')}
                </Anchor>
              )}
            </Stack>
          ) : (
            !detailFailed && <Skeleton h={40} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          {!canDecide ? (
            <Group justify="flex-end">
              <Badge variant="light" color="gray" title={t('shell.readOnlyHint')} data-testid="approval-read-only">
                {t('shell.readOnly')}
              </Badge>
            </Group>
          ) : (
            <Group gap="xs" justify="flex-end" wrap="nowrap">
              <Button
                size="xs"
                variant={staleCode ? 'filled' : 'light'}
                color="yellow"
                onClick={() => {
                  if (!sendingBack && staleCode && !note)
                    setNote(t('approvals.staleNote', { reason: t(`cases.quote.stale.${staleCode}`, { defaultValue: staleCode }) }));
                  setSendingBack((v) => !v);
                }}
                disabled={!online}
                title={offlineReason ?? undefined}
                data-testid="send-back-toggle"
              >
                {t('approvals.sendBack')}
              </Button>
              <Button
                size="xs"
                color="green"
                disabled={!target || ownProposal || !!staleCode || !online}
                title={offlineReason ?? undefined}
                onClick={() => target && onApprove(target)}
                data-testid="approval-approve"
              >
                {amountFen !== undefined ? t('approvals.approve', { amount: formatFen(amountFen) }) : t('approvals.approveShort')}
              </Button>
            </Group>
          )}
        </Grid.Col>
      </Grid>
      {staleCode && (
        <Alert
          color="red"
          p="xs"
          mt="xs"
          data-testid="proposal-stale"
          data-stale={staleCode}
          title={<StaleBadge stale={{ code: staleCode, message: staleMessage ?? '' }} />}
        >
          {/* auditors read the queue: the move is a supervisor's, not theirs */}
          <Text size="xs">{t(canDecide ? 'approvals.stale' : 'approvals.staleReadOnly')}</Text>
          <Text size="xs" c="dimmed" title={staleMessage}>
            {t(`caseDetail.decision.staleDetail.${staleCode}`, { defaultValue: staleMessage ?? '' })}
          </Text>
        </Alert>
      )}
      {ownProposal && canDecide && (
        <Alert color="orange" p="xs" mt="xs" data-testid="four-eyes">
          {t('approvals.fourEyes')}
        </Alert>
      )}
      <Collapse expanded={showQuote && !!quote}>
        {quote && (
          <div style={{ marginTop: 8 }}>
            <QuoteCard quote={quote} paidFen={item.paidFen} />
          </div>
        )}
      </Collapse>
      <Collapse expanded={sendingBack && canDecide}>
        <Stack gap="xs" mt="sm">
          {sendBack.error && (
            <Alert color="red" p="xs" title={errorText(sendBack.error).title} data-testid="send-back-error">
              {errorText(sendBack.error).detail}
            </Alert>
          )}
          <Textarea
            label={t('approvals.sendBackNote')}
            placeholder={t('approvals.sendBackPlaceholder')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={touched && !note.trim() ? t('approvals.noteRequired') : undefined}
            autosize
            minRows={2}
            maxLength={2000}
            data-testid="send-back-note"
          />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setSendingBack(false)}>
              {t('approvals.cancel')}
            </Button>
            <Button
              size="xs"
              color="yellow"
              loading={sendBack.isPending}
              disabled={!online}
              title={offlineReason ?? undefined}
              onClick={() => {
                setTouched(true);
                if (note.trim()) sendBack.mutate({ caseNo: item.caseNo, note: note.trim() });
              }}
              data-testid="send-back-submit"
            >
              {t('approvals.sendBackSubmit')}
            </Button>
          </Group>
        </Stack>
      </Collapse>
    </Paper>
  );
}
