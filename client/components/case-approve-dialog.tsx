import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../shared/refund/format';
import type { PaymentChannel } from '../../shared/schemas/enums';
import { useOnline } from '../lib/online';
import { errorCode, staleCode } from '../lib/trpc-errors';
import { useTRPC } from '../trpc';
import { isRetryable, useCaseErrorText } from './case-error-text';
import { useRefreshCase } from './case-refresh';
import { IconAlert, IconCheck, IconClock } from './icons';

// One idempotency key per approval intent (this case, this quote), kept until the server has
// given a definitive answer. A retry after a lost answer, a double click or a reopened dialog
// sends the same key, so the server pays at most once and returns its first answer.
const intentKeys = new Map<string, string>();

function keyFor(intent: string): string {
  let key = intentKeys.get(intent);
  if (!key) {
    key = crypto.randomUUID();
    intentKeys.set(intent, key);
  }
  return key;
}

interface Props {
  opened: boolean;
  onClose: () => void;
  caseNo: string;
  orderNo: string;
  paymentChannel: PaymentChannel;
  quote: { quoteId: number; amountFen: number };
  /** the case version the approver saw: a case changed since then is refused (CONFLICT) */
  expectedVersion?: number;
  /** offered when the server refuses because the quote went stale (CONFLICT, data.stale) */
  staleAction?: ReactNode;
}

/** Confirm before paying, show progress while the gateway works, then the result. */
export function CaseApproveDialog({ opened, onClose, caseNo, orderNo, paymentChannel, quote, expectedVersion, staleAction }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const errorText = useCaseErrorText();
  const { online, reason: offlineReason } = useOnline();
  const intent = `${caseNo}#${quote.quoteId}`;
  const approve = useMutation(
    trpc.cases.approve.mutationOptions({
      onSuccess: () => intentKeys.delete(intent),
      onError: (error) => {
        if (!isRetryable(error)) intentKeys.delete(intent);
      },
      onSettled: () => refresh(),
    }),
  );
  const result = approve.data;
  const declined = result?.refund.status === 'failed';
  const caseQuery = useQuery({ ...trpc.cases.get.queryOptions({ caseNo }), enabled: declined });
  const failureReason = caseQuery.data?.refunds.find((r) => r.refundId === result?.refund.refundId)?.failureReason;

  const pay = () => approve.mutate({ caseNo, quoteId: quote.quoteId, idempotencyKey: keyFor(intent), expectedVersion });
  const close = () => {
    if (approve.isPending) return;
    approve.reset();
    onClose();
  };
  const amount = formatFen(quote.amountFen);
  const channel = t(`cases.paymentChannel.${paymentChannel}`);

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('cases.approve.title', { caseNo })}
      withCloseButton={!approve.isPending}
      closeOnClickOutside={!approve.isPending}
      closeOnEscape={!approve.isPending}
      centered
      data-testid="approve-dialog"
    >
      {approve.isPending ? (
        <Stack align="center" gap="sm" py="lg" data-testid="approve-progress" aria-live="polite">
          <Loader size="md" />
          <Text fw={600}>{t('cases.approve.paying', { amount, channel })}</Text>
          <Text size="sm" c="dimmed" ta="center">
            {t('cases.approve.payingHint')}
          </Text>
        </Stack>
      ) : result ? (
        <Stack gap="md" data-testid="approve-result" data-refund-status={result.refund.status}>
          {result.refund.status === 'succeeded' && (
            <Alert color="green" icon={<IconCheck />} title={t('cases.approve.succeededTitle')}>
              {t('cases.approve.succeededBody', { amount: formatFen(result.refund.amountFen), channel })}
            </Alert>
          )}
          {result.refund.status === 'pending' && (
            <Alert color="orange" icon={<IconClock />} title={t('cases.approve.pendingTitle')}>
              {t('cases.approve.pendingBody', { amount: formatFen(result.refund.amountFen), channel })}
            </Alert>
          )}
          {declined && (
            <Alert color="red" icon={<IconAlert />} title={t('cases.approve.declinedTitle')}>
              {t('cases.approve.declinedBody', { reason: failureReason ?? t('cases.approve.reasonLoading') })}
            </Alert>
          )}
          <Group justify="flex-end">
            {/* the confirm button that had the keyboard is gone: the result's only button takes it */}
            <Button onClick={close} autoFocus data-testid="approve-done">
              {t('cases.approve.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          {approve.error && (
            <Alert color="red" icon={<IconAlert />} title={errorText(approve.error).title} data-testid="approve-error">
              {errorText(approve.error).detail}
            </Alert>
          )}
          {!online && (
            <Alert color="red" icon={<IconAlert />} data-testid="approve-offline">
              {offlineReason}
            </Alert>
          )}
          {staleAction && staleCode(approve.error) && staleAction}
          <Text size="sm">{t('cases.approve.confirmBody', { amount, channel, orderNo })}</Text>
          <Text size="sm" c="dimmed">
            {paymentChannel === 'bank_card'
              ? t('cases.approve.bankCardNote')
              : paymentChannel === 'bcoin'
                ? t('cases.approve.bcoinNote')
                : t('cases.approve.gatewayNote')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('cases.approve.sideEffects')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {errorCode(approve.error) === 'CONFLICT' ? t('cases.approve.reload') : t('cases.approve.cancel')}
            </Button>
            {(!approve.error || isRetryable(approve.error)) && (
              <Button color="green" onClick={pay} disabled={!online} title={offlineReason ?? undefined} data-testid="confirm-refund">
                {approve.error ? t('cases.approve.retry') : t('cases.approve.confirm', { amount })}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
