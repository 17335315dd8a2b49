import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseErrorText } from '../../components/case-error-text';
import { IconAlert } from '../../components/icons';

interface Props {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  submitLabel: ReactNode;
  color?: string;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  testId: string;
  size?: string;
}

/** The frame of every case action: what it does, its fields, the server's refusal if any. */
export function ActionDialog({
  opened,
  onClose,
  title,
  description,
  children,
  submitLabel,
  color,
  onSubmit,
  pending,
  error,
  testId,
  size = 'md',
}: Props) {
  const { t } = useTranslation();
  const errorText = useCaseErrorText();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit();
  };
  const text = error ? errorText(error) : null;
  return (
    <Modal opened={opened} onClose={pending ? () => {} : onClose} title={title} size={size} data-testid={testId} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
          {text && (
            <Alert color="red" variant="light" icon={<IconAlert />} title={text.title} data-testid="action-error">
              {text.detail}
            </Alert>
          )}
          {children}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose} disabled={pending}>
              {t('caseDetail.actions.cancel')}
            </Button>
            <Button type="submit" color={color} loading={pending} data-testid={`${testId}-submit`}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
