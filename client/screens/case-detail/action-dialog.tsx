import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseErrorText } from '../../components/case-error-text';
import { IconAlert } from '../../components/icons';
import { useOnline } from '../../lib/online';

export interface FormDialogProps {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  submitLabel: ReactNode;
  submitColor?: string;
  cancelLabel: ReactNode;
  onSubmit: () => void;
  pending: boolean;
  /** the server's refusal, in words, if any */
  errorText: { title: string; detail: string | null } | null;
  errorTestId: string;
  testId: string;
  size?: string;
  /** given (even null): the footer splits, these actions on the left and cancel/submit on the right */
  extraActions?: ReactNode;
}

/**
 * The frame of a dialog that submits a form (case actions, settings): what it does, its fields,
 * the server's refusal if any, cancel and submit. It cannot be closed while the submit is pending.
 */
export function FormDialog({
  opened,
  onClose,
  title,
  description,
  children,
  submitLabel,
  submitColor,
  cancelLabel,
  onSubmit,
  pending,
  errorText,
  errorTestId,
  testId,
  size = 'md',
  extraActions,
}: FormDialogProps) {
  // offline, nothing is submitted — and nothing is queued for later (issue 18 item 1)
  const { online, reason: offlineReason } = useOnline();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending && online) onSubmit();
  };
  const buttons = (
    <>
      <Button variant="default" onClick={onClose} disabled={pending}>
        {cancelLabel}
      </Button>
      <Button
        type="submit"
        color={submitColor}
        loading={pending}
        disabled={!online}
        title={offlineReason ?? undefined}
        data-testid={`${testId}-submit`}
      >
        {submitLabel}
      </Button>
    </>
  );
  return (
    <Modal opened={opened} onClose={pending ? () => {} : onClose} title={title} size={size} data-testid={testId} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
          {!online && offlineReason && (
            <Alert color="gray" icon={<IconAlert />} data-testid={`${testId}-offline`}>
              {offlineReason}
            </Alert>
          )}
          {errorText && (
            <Alert color="red" icon={<IconAlert />} title={errorText.title} data-testid={errorTestId}>
              {errorText.detail}
            </Alert>
          )}
          {children}
          {extraActions === undefined ? (
            <Group justify="flex-end" mt="xs">
              {buttons}
            </Group>
          ) : (
            <Group justify="space-between" mt="xs">
              <Group gap="xs">{extraActions}</Group>
              <Group gap="xs">{buttons}</Group>
            </Group>
          )}
        </Stack>
      </form>
    </Modal>
  );
}

/** A case action's dialog: the frame's props, with the server's error itself rather than its words. */
type Props = Omit<FormDialogProps, 'submitColor' | 'cancelLabel' | 'errorText' | 'errorTestId' | 'extraActions'> & {
  color?: string;
  error: unknown;
};

/** The frame of every case action: what it does, its fields, the server's refusal if any. */
export function ActionDialog({ color, error, ...rest }: Props) {
  const { t } = useTranslation();
  const errorText = useCaseErrorText();
  return (
    <FormDialog
      {...rest}
      submitColor={color}
      cancelLabel={t('caseDetail.actions.cancel')}
      errorText={error ? errorText(error) : null}
      errorTestId="action-error"
    />
  );
}
