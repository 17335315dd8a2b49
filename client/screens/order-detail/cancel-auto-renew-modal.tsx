import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../lib/trpc-errors';
import { useTRPC } from '../../trpc';
import { ReasonDialog } from './reason-dialog';

const MIN_REASON = 4;

interface Props {
  opened: boolean;
  uid: string;
  planCode: string;
  planName: string;
  onClose: () => void;
}

/**
 * Turns off the member's auto-renew on the plan, without any refund (docs/spec.md §3): asks why,
 * and the server cancels it, audits it with the reason and tells the member by SMS and in-app message.
 */
export function CancelAutoRenewModal({ opened, uid, planCode, planName, onClose }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const cancel = useMutation(trpc.members.cancelAutoRenew.mutationOptions());

  function close() {
    if (cancel.isPending) return;
    setReason('');
    cancel.reset();
    onClose();
  }

  function submit() {
    cancel.mutate(
      { uid, planCode, reason: reason.trim() },
      {
        onSuccess: () => {
          void queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() });
          notifications.show({ color: 'teal', title: t('orderDetail.autoRenew.doneTitle'), message: t('orderDetail.autoRenew.doneBody') });
          setReason('');
          cancel.reset();
          onClose();
        },
        // the subscription may have been cancelled meanwhile: show the page as it is now
        onError: (error) => {
          if (errorCode(error) === 'PRECONDITION_FAILED') void queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() });
        },
      },
    );
  }

  const code = cancel.error ? errorCode(cancel.error) : undefined;
  const refusal =
    code === 'FORBIDDEN'
      ? t('orderDetail.autoRenew.forbidden')
      : code === 'PRECONDITION_FAILED'
        ? t('orderDetail.autoRenew.notActive')
        : code === 'BAD_REQUEST'
          ? t('orderDetail.autoRenew.badReason', { count: MIN_REASON })
          : t('orderDetail.autoRenew.failed');

  return (
    <ReasonDialog
      opened={opened}
      onClose={close}
      onSubmit={submit}
      title={t('orderDetail.autoRenew.title')}
      intro={t('orderDetail.autoRenew.body', { plan: planName })}
      field={{
        label: t('orderDetail.autoRenew.reason'),
        placeholder: t('orderDetail.autoRenew.reasonPlaceholder'),
        description: t('orderDetail.autoRenew.reasonHint', { count: MIN_REASON }),
      }}
      reason={reason}
      onReason={setReason}
      minLength={MIN_REASON}
      error={
        cancel.error && (
          <>
            <Text size="sm">{refusal}</Text>
            {cancel.error instanceof TRPCClientError && cancel.error.message && (
              <Text size="xs" c="dimmed">
                {cancel.error.message}
              </Text>
            )}
          </>
        )
      }
      submitLabel={t('orderDetail.autoRenew.submit')}
      submitColor="red"
      pending={cancel.isPending}
      holdWhilePending
      testId="cancel-auto-renew"
      dialogTestId="cancel-auto-renew-dialog"
    />
  );
}
