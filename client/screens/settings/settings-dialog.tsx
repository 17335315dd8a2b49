import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../components/icons';
import { useSettingsErrorText } from './settings-error';

interface Props {
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  submitLabel: ReactNode;
  submitColor?: string;
  onSubmit: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
  testId: string;
  size?: string;
  /** extra actions on the left of the footer (e.g. remove) */
  extraActions?: ReactNode;
}

/** The frame of every settings dialog: what it does, its fields, the server's refusal if any. */
export function SettingsDialog({
  title,
  description,
  children,
  submitLabel,
  submitColor,
  onSubmit,
  onClose,
  pending,
  error,
  testId,
  size = 'md',
  extraActions,
}: Props) {
  const { t } = useTranslation();
  const errorText = useSettingsErrorText();
  const text = error ? errorText(error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit();
  };
  return (
    <Modal opened onClose={pending ? () => {} : onClose} title={title} size={size} centered data-testid={testId}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
          {text && (
            <Alert color="red" variant="light" icon={<IconAlert />} title={text.title} data-testid={`${testId}-error`}>
              {text.detail}
            </Alert>
          )}
          {children}
          <Group justify="space-between" mt="xs">
            <Group gap="xs">{extraActions}</Group>
            <Group gap="xs">
              <Button variant="default" onClick={onClose} disabled={pending}>
                {t('settings.actions.cancel')}
              </Button>
              <Button type="submit" color={submitColor} loading={pending} data-testid={`${testId}-submit`}>
                {submitLabel}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
