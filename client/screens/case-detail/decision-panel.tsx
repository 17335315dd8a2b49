import { Alert, Button, Group, Kbd, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import { useStaff } from '../../auth/session';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';
import { CaseApproveDialog } from '../../components/case-approve-dialog';
import { quoteBasisKind, StaleBadge } from '../../components/quote-card';
import { useCaseErrorText } from '../../components/case-error-text';
import { isPlainKey, isTypingTarget } from '../../lib/keyboard';
import { isPayable, type Capabilities } from './case-capabilities';
import { DecisionStatus } from './decision-status';
import { QuoteChoice } from './quote-choice';
import { useRecomputeQuote } from './use-recompute-quote';
import { GoodwillDialog } from './goodwill-dialog';
import { NoteActionDialog, type NoteAction } from './note-action-dialog';
import { RejectDialog } from './reject-dialog';

type Open = 'reject' | 'goodwill' | NoteAction | null;

// The statuses a decision is still to be made in (the case page's choice of quote matters there).
const DECIDING = ['new', 'in_review', 'reopened', 'pending_approval'];

interface Props {
  detail: CaseDetail;
  caps: Capabilities;
  quote: CaseQuote | undefined;
  onQuoteChange: (quoteId: number) => void;
}

/** Only the moves the state machine and the person's role allow; a refused move says why. */
export function DecisionPanel({ detail, caps, quote, onQuoteChange }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const [open, setOpen] = useState<Open>(null);
  // What is being approved is fixed when the dialog opens: it stays up to show the result after
  // the case has moved on (refunded), when approving is no longer a move.
  const [approving, setApproving] = useState<{ quote: CaseQuote; version: number } | null>(null);
  const [staleSendBack, setStaleSendBack] = useState(false);
  const close = () => {
    setOpen(null);
    setStaleSendBack(false);
  };
  const errorText = useCaseErrorText();
  const c = detail.case;
  const amount = quote ? formatFen(quote.amountFen) : '';
  const basisOf = (q: CaseQuote) => t(`cases.basis.${quoteBasisKind(q)}`);
  // The quote's maker recomputes a stale quote on its basis; the new quote becomes the choice.
  const recompute = useRecomputeQuote(c.caseNo, (quoteId) => {
    onQuoteChange(quoteId);
    setApproving(null);
    close();
  });
  const deciding = DECIDING.includes(c.status) && !caps.readOnly && !caps.apple;
  const choosing = deciding && detail.quotes.length > 1;
  const mayRecompute = (q: CaseQuote | undefined): q is CaseQuote => !!q && caps.quote && q.createdBy === staff.username;
  const recomputeButton = (q: CaseQuote) => (
    <Button
      size="xs"
      color="red"
      variant="filled"
      onClick={() => recompute.mutate(q)}
      loading={recompute.isPending}
      data-testid="recompute-stale"
    >
      {t('caseDetail.decision.recomputeStale')}
    </Button>
  );
  // when the server finds the quote stale at the last moment: the maker recomputes, a checker sends back
  const staleAction = (q: CaseQuote) =>
    mayRecompute(q) ? (
      recomputeButton(q)
    ) : caps.sendBack ? (
      <Button
        size="xs"
        color="yellow"
        onClick={() => {
          setApproving(null);
          setStaleSendBack(true);
          setOpen('sendBack');
        }}
        data-testid="send-back-stale"
      >
        {t('caseDetail.decision.sendBackStale')}
      </Button>
    ) : undefined;
  const proposeLine = quote ? t('caseDetail.decision.proposeBasis', { basis: basisOf(quote), id: quote.quoteId, amount }) : '';
  const staleLine = quote?.stale ? t(`cases.quote.stale.${quote.stale.code}`, { defaultValue: quote.stale.code }) : '';
  const secondary = [
    caps.reject && { key: 'reject', color: 'red', label: t('caseDetail.decision.reject') },
    caps.sendBack && { key: 'sendBack', color: 'yellow', label: t('caseDetail.decision.sendBack') },
    caps.goodwill && { key: 'goodwill', color: 'grape', label: t('caseDetail.decision.goodwill') },
    caps.reopen && { key: 'reopen', color: 'orange', label: t('caseDetail.decision.reopen') },
    caps.close && { key: 'close', color: 'gray', label: t('caseDetail.decision.close') },
  ].filter((a): a is { key: Exclude<Open, null>; color: string; label: string } => !!a);
  const nothing = !caps.approve && !caps.propose && !caps.redirectToStore && secondary.length === 0;
  const panel = useRef<HTMLDivElement>(null);

  // D: the keyboard goes to the decision (its first move: the quote to decide on, approve,
  // propose or reject), wherever the page is scrolled, without tabbing through the facts.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'd' || !isPlainKey(event) || isTypingTarget(event.target) || document.querySelector('[role="dialog"]')) return;
      const first = panel.current?.querySelector<HTMLElement>(
        'input:not([disabled]):checked, input[type="radio"]:not([disabled]), button:not([disabled])',
      );
      if (!first) return;
      event.preventDefault();
      first.focus();
      first.scrollIntoView({ block: 'nearest' });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <Paper withBorder radius="md" p="md" ref={panel} data-testid="decision-panel">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4">
          {t('caseDetail.decision.title')}
        </Title>
        <Kbd size="xs" title={t('caseDetail.decision.shortcut')}>
          D
        </Kbd>
      </Group>
      <Stack gap="sm">
        <DecisionStatus detail={detail} />

        {choosing && <QuoteChoice quotes={detail.quotes} chosen={quote} proposedQuoteId={c.proposedQuoteId} onChoose={onQuoteChange} />}
        {choosing && !quote && (
          <Text size="sm" c="orange" data-testid="choose-quote-first">
            {t('caseDetail.decision.pick.none')}
          </Text>
        )}
        {deciding && quote?.stale && (
          <Alert color="red" p="xs" data-testid="stale-quote" data-stale={quote.stale.code} title={<StaleBadge stale={quote.stale} />}>
            <Stack gap={6}>
              <Text size="xs" c="dimmed" title={quote.stale.message}>
                {t('caseDetail.decision.staleReason', { reason: t(`caseDetail.decision.staleDetail.${quote.stale.code}`) })}
              </Text>
              {caps.recomputeStale && (
                <>
                  {recompute.error && (
                    <Text size="xs" c="red">
                      {errorText(recompute.error).title} {errorText(recompute.error).detail}
                    </Text>
                  )}
                  <div>{recomputeButton(quote)}</div>
                  <Text size="xs" c="dimmed">
                    {t('caseDetail.decision.recomputeStaleHint', { basis: basisOf(quote) })}
                  </Text>
                </>
              )}
            </Stack>
          </Alert>
        )}

        {caps.approve?.allowed && (
          <Button
            color="green"
            size="md"
            fullWidth
            onClick={() => quote && setApproving({ quote, version: c.version })}
            data-testid="approve"
          >
            {t('caseDetail.decision.approve', { amount })}
          </Button>
        )}
        {caps.approve && !caps.approve.allowed && (
          <Alert
            color={
              caps.approve.why === 'fourEyes'
                ? 'orange'
                : caps.approve.why === 'stale' || caps.approve.why === 'staleProposal'
                  ? 'red'
                  : 'violet'
            }
            p="xs"
            data-testid="approve-blocked"
            data-why={caps.approve.why}
          >
            <Text size="sm">
              {t(`caseDetail.decision.blocked.${caps.approve.why}`, {
                amount,
                limit: formatFen(staff.approvalLimitFen ?? 0),
                id: c.proposedQuoteId,
              })}
            </Text>
          </Alert>
        )}
        {caps.approve?.allowed === false && caps.approve.why === 'staleProposal' && caps.sendBack && (
          <Button
            color="yellow"
            fullWidth
            onClick={() => {
              setStaleSendBack(true);
              setOpen('sendBack');
            }}
            data-testid="send-back-stale"
          >
            {t('caseDetail.decision.sendBackStale')}
          </Button>
        )}
        {caps.propose && (
          <Button color="violet" fullWidth onClick={() => setOpen('propose')} data-testid="propose">
            {t('caseDetail.decision.propose', { amount })}
          </Button>
        )}
        {!caps.readOnly && !caps.apple && quote && !isPayable(quote) && (caps.reject || caps.goodwill) && (
          <Text size="xs" c="dimmed">
            {t('caseDetail.decision.nothingToPay')}
          </Text>
        )}
        {caps.redirectToStore && (
          <Button color="orange" fullWidth onClick={() => setOpen('redirect')} data-testid="redirect">
            {t('caseDetail.decision.redirect')}
          </Button>
        )}
        {secondary.length > 0 && (
          <SimpleGrid cols={2} spacing="xs">
            {secondary.map((a) => (
              <Button key={a.key} variant="light" color={a.color} size="sm" onClick={() => setOpen(a.key)} data-testid={a.key}>
                {a.label}
              </Button>
            ))}
          </SimpleGrid>
        )}
        {detail.quotes.length === 0 && caps.quote ? (
          <Text size="sm" c="dimmed" data-testid="quote-first">
            {t('caseDetail.decision.quoteFirst')}
          </Text>
        ) : (
          nothing &&
          !caps.readOnly && (
            <Text size="sm" c="dimmed" data-testid="no-actions">
              {t('caseDetail.decision.noActions', { status: t(`cases.status.${c.status}`) })}
            </Text>
          )
        )}
      </Stack>

      {approving && (
        <CaseApproveDialog
          opened
          onClose={() => setApproving(null)}
          caseNo={c.caseNo}
          orderNo={c.orderNo}
          paymentChannel={detail.order.paymentChannel}
          quote={approving.quote}
          expectedVersion={approving.version}
          staleAction={staleAction(approving.quote)}
        />
      )}
      {open === 'reject' && <RejectDialog detail={detail} quote={quote} onClose={close} />}
      {open === 'goodwill' && (
        <GoodwillDialog caseNo={c.caseNo} leftFen={detail.order.paidFen - detail.order.refundedFen} onClose={close} />
      )}
      {(open === 'propose' || open === 'sendBack' || open === 'reopen' || open === 'close' || open === 'redirect') && (
        <NoteActionDialog
          action={open}
          caseNo={c.caseNo}
          quoteId={quote?.quoteId}
          summary={
            open === 'propose' && quote ? (
              <Text size="sm">{t('caseDetail.decision.proposeSummary', { amount, id: quote.quoteId })}</Text>
            ) : undefined
          }
          initialNote={
            open === 'propose'
              ? `${proposeLine}\n`
              : open === 'sendBack' && staleSendBack && quote
                ? `#${quote.quoteId} ${staleLine}`
                : undefined
          }
          mustState={open === 'propose' ? proposeLine : undefined}
          staleAction={open === 'propose' && quote ? staleAction(quote) : undefined}
          onClose={close}
        />
      )}
    </Paper>
  );
}
