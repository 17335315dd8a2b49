import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NEW_PASSWORD_MIN } from '../../shared/auth/password-rules';
import { errorCode, httpStatus } from '../lib/trpc-errors';
import { trpcClient } from '../trpc';

/** The signed-in staff member changes their password; their other sessions end (server/auth/change-password.ts). */
export function ChangePasswordDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [shown, setShown] = useState(false); // field errors only after a first submit

  const close = () => {
    setCurrent('');
    setNext('');
    setAgain('');
    setShown(false);
    change.reset();
    onClose();
  };
  const change = useMutation({
    mutationFn: () =>
      trpcClient.auth.changePassword.mutate({
        currentPassword: current,
        newPassword: next,
      }),
    onSuccess: ({ otherSessionsEnded }) => {
      notifications.show({
        color: 'green',
        message: t('auth.passwordChanged', { count: otherSessionsEnded }),
      });
      close();
    },
  });

  const nextError = next.length < NEW_PASSWORD_MIN ? t('auth.passwordTooShort') : next === current ? t('auth.passwordUnchanged') : null;
  const againError = again !== next ? t('auth.passwordsDiffer') : null;
  const wrongCurrent = errorCode(change.error) === 'BAD_REQUEST' && httpStatus(change.error) === 400 && !nextError;
  const serverError =
    change.error && !wrongCurrent
      ? errorCode(change.error) === 'TOO_MANY_REQUESTS'
        ? t('auth.tooManyAttempts')
        : t('auth.passwordChangeFailed')
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShown(true);
    if (!current || nextError || againError) return;
    change.mutate();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('auth.changePassword')} centered>
      <form onSubmit={submit} noValidate data-testid="change-password-form">
        <Stack gap="sm">
          <PasswordInput
            label={t('auth.currentPassword')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={(shown && !current && t('auth.passwordRequired')) || (wrongCurrent && t('auth.currentPasswordWrong')) || serverError}
            data-testid="current-password"
            data-autofocus
          />
          <PasswordInput
            label={t('auth.newPassword')}
            description={t('auth.newPasswordHint')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={shown && nextError}
            data-testid="new-password"
          />
          <PasswordInput
            label={t('auth.confirmPassword')}
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={shown && againError}
            data-testid="confirm-password"
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              {t('auth.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending} data-testid="change-password-submit">
              {t('auth.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
