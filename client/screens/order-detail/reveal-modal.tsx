import { Alert, Button, Chip, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../lib/trpc-errors';
import { useTRPC } from '../../trpc';

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
  const tooShort = reason.trim().length < MIN_REASON;

  function close() {
    setReason('');
    reveal.reset();
    onClose();
  }

  function submit() {
    if (!field || tooShort || reveal.isPending) return;
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
    <Modal opened={field !== null} onClose={close} title={t('orderDetail.reveal.title', { field: fieldName })} centered size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('orderDetail.reveal.body')}
          </Text>
          <Chip.Group>
            <Group gap={6}>
              {QUICK_REASONS.map((key) => (
                <Chip key={key} size="xs" variant="outline" checked={false} onClick={() => setReason(t(`orderDetail.reveal.quick.${key}`))}>
                  {t(`orderDetail.reveal.quick.${key}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Textarea
            label={t('orderDetail.reveal.reason')}
            placeholder={t('orderDetail.reveal.reasonPlaceholder')}
            description={t('orderDetail.reveal.reasonHint', { count: MIN_REASON })}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            maxRows={5}
            required
            data-autofocus
            data-testid="reveal-reason"
          />
          {reveal.error && (
            <Alert color="red" variant="light" p="xs" data-testid="reveal-error">
              <Text size="sm">
                {code === 'FORBIDDEN'
                  ? t('orderDetail.reveal.forbidden')
                  : code === 'BAD_REQUEST'
                    ? t('orderDetail.reveal.badReason')
                    : t('orderDetail.reveal.failed')}
              </Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('orderDetail.cancel')}
            </Button>
            <Button type="submit" disabled={tooShort} loading={reveal.isPending} data-testid="reveal-submit">
              {t('orderDetail.reveal.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
