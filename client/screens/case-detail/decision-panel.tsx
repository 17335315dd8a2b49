import { Alert, Button, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import { useStaff } from '../../auth/session';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';
import { CaseApproveDialog } from '../../components/case-approve-dialog';
import { quoteBasisKind } from '../../components/quote-card';
import { isPayable, type Capabilities } from './case-capabilities';
import { DecisionStatus } from './decision-status';
import { GoodwillDialog } from './goodwill-dialog';
import { NoteActionDialog, type NoteAction } from './note-action-dialog';
import { RejectDialog } from './reject-dialog';

type Open = 'reject' | 'goodwill' | NoteAction | null;

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
  const close = () => setOpen(null);
  const c = detail.case;
  const payable = detail.quotes.filter(isPayable);
  const amount = quote ? formatFen(quote.amountFen) : '';
  const secondary = [
    caps.reject && { key: 'reject', color: 'red', label: t('caseDetail.decision.reject') },
    caps.sendBack && { key: 'sendBack', color: 'yellow', label: t('caseDetail.decision.sendBack') },
    caps.goodwill && { key: 'goodwill', color: 'grape', label: t('caseDetail.decision.goodwill') },
    caps.reopen && { key: 'reopen', color: 'orange', label: t('caseDetail.decision.reopen') },
    caps.close && { key: 'close', color: 'gray', label: t('caseDetail.decision.close') },
  ].filter((a): a is { key: Exclude<Open, null>; color: string; label: string } => !!a);
  const nothing = !caps.approve && !caps.propose && !caps.redirectToStore && secondary.length === 0;

  return (
    <Paper withBorder radius="md" p="md" data-testid="decision-panel">
      <Title order={2} size="h4" mb="sm">
        {t('caseDetail.decision.title')}
      </Title>
      <Stack gap="sm">
        <DecisionStatus detail={detail} />

        {(caps.approve || caps.propose) && payable.length > 1 && (
          <Select
            size="xs"
            label={t('caseDetail.decision.quote')}
            data={payable
              .slice()
              .reverse()
              .map((q) => ({ value: String(q.quoteId), label: t('caseDetail.quote.option', { id: q.quoteId, basis: t(`cases.basis.${quoteBasisKind(q)}`), amount: formatFen(q.amountFen) }) }))}
            value={quote ? String(quote.quoteId) : null}
            onChange={(v) => v && onQuoteChange(Number(v))}
            allowDeselect={false}
          />
        )}

        {caps.approve?.allowed && (
          <Button color="green" size="md" fullWidth onClick={() => quote && setApproving({ quote, version: c.version })} data-testid="approve">
            {t('caseDetail.decision.approve', { amount })}
          </Button>
        )}
        {caps.approve && !caps.approve.allowed && (
          <Alert color={caps.approve.why === 'fourEyes' ? 'orange' : 'violet'} variant="light" p="xs" data-testid="approve-blocked" data-why={caps.approve.why}>
            <Text size="sm">{t(`caseDetail.decision.blocked.${caps.approve.why}`, { amount, limit: formatFen(staff.approvalLimitFen ?? 0) })}</Text>
          </Alert>
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
        />
      )}
      {open === 'reject' && <RejectDialog detail={detail} quote={quote} onClose={close} />}
      {open === 'goodwill' && <GoodwillDialog caseNo={c.caseNo} leftFen={detail.order.paidFen - detail.order.refundedFen} onClose={close} />}
      {(open === 'propose' || open === 'sendBack' || open === 'reopen' || open === 'close' || open === 'redirect') && (
        <NoteActionDialog
          action={open}
          caseNo={c.caseNo}
          quoteId={quote?.quoteId}
          summary={open === 'propose' && quote ? <Text size="sm">{t('caseDetail.decision.proposeSummary', { amount, id: quote.quoteId })}</Text> : undefined}
          onClose={close}
        />
      )}
    </Paper>
  );
}
