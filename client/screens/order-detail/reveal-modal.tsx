import { Chip, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../lib/trpc-errors';
import { useTRPC } from '../../trpc';
import { ReasonDialog } from './reason-dialog';

export type RevealField = 'phone' | 'email';

interface Props {
  uid: string;
  field: RevealField | null;
  onClose: () => void;
  onRevealed: (field: RevealField, value: string | null) => void;
}

const MIN_REASON = 4;
const QUICK_REASONS = ['verifyIdentity', 'callBack', 'checkAccount'] as const;

/**
 * Asks why before showing a member's phone or e-mail unmasked. The server records the reveal,
 * with this reason, in the audit log (docs/spec.md §2, §6); the value is shown only on this page.
 */
export function RevealModal({ uid, field, onClose, onRevealed }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const reveal = useMutation(trpc.members.reveal.mutationOptions());

  function close() {
    setReason('');
    reveal.reset();
    onClose();
  }

  function submit() {
    if (!field) return;
    reveal.mutate(
      { uid, field, reason: reason.trim() },
      {
        onSuccess: ({ value }) => {
          onRevealed(field, value);
          close();
        },
      },
    );
  }

  const code = reveal.error ? errorCode(reveal.error) : undefined;
  const fieldName = field ? t(`orderDetail.member.${field}`) : '';

  return (
    <ReasonDialog
      opened={field !== null}
      onClose={close}
      onSubmit={submit}
      title={t('orderDetail.reveal.title', { field: fieldName })}
      intro={t('orderDetail.reveal.body')}
      field={{
        label: t('orderDetail.reveal.reason'),
        placeholder: t('orderDetail.reveal.reasonPlaceholder'),
        description: t('orderDetail.reveal.reasonHint', { count: MIN_REASON }),
      }}
      reason={reason}
      onReason={setReason}
      minLength={MIN_REASON}
      error={
        reveal.error && (
          <Text size="sm">
            {code === 'FORBIDDEN'
              ? t('orderDetail.reveal.forbidden')
              : code === 'BAD_REQUEST'
                ? t('orderDetail.reveal.badReason')
                : t('orderDetail.reveal.failed')}
          </Text>
        )
      }
      submitLabel={t('orderDetail.reveal.submit')}
      pending={reveal.isPending}
      testId="reveal"
    >
      <Chip.Group>
        <Group gap={6}>
          {QUICK_REASONS.map((key) => (
            <Chip key={key} size="xs" variant="outline" checked={false} onClick={() => setReason(t(`orderDetail.reveal.quick.${key}`))}>
              {t(`orderDetail.reveal.quick.${key}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </ReasonDialog>
  );
}
