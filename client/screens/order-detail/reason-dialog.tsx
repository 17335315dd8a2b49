import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  /** closes the dialog (the caller clears the reason and the mutation) */
  onClose: () => void;
  /** called with a long enough reason, never while a request is in flight */
  onSubmit: () => void;
  title: string;
  intro: ReactNode;
  /** the reason field's label, placeholder and hint */
  field: { label: string; placeholder: string; description: string };
  reason: string;
  onReason: (reason: string) => void;
  /** the fewest characters a reason has, spaces around it not counted */
  minLength: number;
  /** what went wrong, shown in a red box; null when nothing did */
  error: ReactNode;
  submitLabel: string;
  submitColor?: string;
  pending: boolean;
  /** keeps the dialog open (Cancel disabled) while the request is in flight */
  holdWhilePending?: boolean;
  /** the prefix of the reason field's, the error's and the submit button's test ids */
  testId: string;
  dialogTestId?: string;
  /** shown between the intro and the reason field (quick reasons) */
  children?: ReactNode;
}

/** A dialog that asks why before an audited action (the reason is recorded with it): reveal, cancel auto-renew. */
export function ReasonDialog(props: Props) {
  const { t } = useTranslation();
  const { pending, onClose } = props;
  const tooShort = props.reason.trim().length < props.minLength;
  const close = () => {
    if (!(props.holdWhilePending && pending)) onClose();
  };
  return (
    <Modal opened={props.opened} onClose={close} title={props.title} centered size="md" data-testid={props.dialogTestId}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!tooShort && !pending) props.onSubmit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {props.intro}
          </Text>
          {props.children}
          <Textarea
            {...props.field}
            value={props.reason}
            onChange={(e) => props.onReason(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            maxRows={5}
            required
            data-autofocus
            data-testid={`${props.testId}-reason`}
          />
          {props.error && (
            <Alert color="red" p="xs" data-testid={`${props.testId}-error`}>
              {props.error}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={props.holdWhilePending && pending}>
              {t('orderDetail.cancel')}
            </Button>
            <Button type="submit" color={props.submitColor} disabled={tooShort} loading={pending} data-testid={`${props.testId}-submit`}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
