import { Alert, Box, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../components/brand-mark';
import { IconAlert, IconLock } from '../components/icons';
import { LanguageSwitch } from '../shell/language-switch';
import { trpcClient, useTRPC } from '../trpc';
import { SESSION_KEY } from './session';
import { signInErrorMessage } from './sign-in-error';
import classes from './sign-in-page.module.css';
import { prefetchFirstScreen, useWarmUpFirstScreen } from './warm-up';

interface Props {
  /** The previous session ended (expired, or signed out elsewhere) while the user was working. */
  sessionEnded: boolean;
}

// Shown in place of any screen while nobody is signed in; the address bar keeps the URL that
// was asked for, so after signing in the console opens exactly there.
export function SignInPage({ sessionEnded }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const warmUp = useWarmUpFirstScreen();

  const signIn = useMutation({
    mutationFn: (input: { username: string; password: string }) => trpcClient.auth.login.mutate(input),
    onSuccess: (staff) => {
      // The first screen's search leaves now, while the console renders, not after it has.
      prefetchFirstScreen(queryClient, trpc, staff.role);
      queryClient.setQueryData(SESSION_KEY, staff);
    },
  });

  const usernameError = touched && !username.trim() ? t('auth.usernameRequired') : null;
  const passwordError = touched && !password ? t('auth.passwordRequired') : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!username.trim() || !password || signIn.isPending) return;
    warmUp();
    signIn.mutate({ username: username.trim(), password });
  }

  return (
    <Box className={classes.page}>
      <Group className={classes.topBar} justify="space-between">
        <Group gap="xs">
          <BrandMark size={28} />
          <Text fw={600}>{t('common.appName')}</Text>
        </Group>
        <LanguageSwitch />
      </Group>
      <Paper component="main" className={classes.card} withBorder shadow="sm" radius="md" p="xl">
        <form onSubmit={submit} onInput={warmUp} noValidate aria-labelledby="sign-in-title">
          <Stack gap="md">
            <div>
              <Title order={1} size="h3" id="sign-in-title">
                {t('auth.title')}
              </Title>
              <Text c="dimmed" size="sm" mt={4}>
                {t('auth.subtitle')}
              </Text>
            </div>
            {sessionEnded && !signIn.error && (
              <Alert color="yellow" icon={<IconLock />} data-testid="session-ended">
                {t('auth.sessionEnded')}
              </Alert>
            )}
            {signIn.error && (
              <Alert color="red" icon={<IconAlert />} title={t('auth.failedTitle')} role="alert" data-testid="sign-in-error">
                {signInErrorMessage(signIn.error, t)}
              </Alert>
            )}
            <TextInput
              label={t('auth.username')}
              placeholder={t('auth.usernamePlaceholder')}
              name="username"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={usernameError}
              disabled={signIn.isPending}
            />
            <PasswordInput
              label={t('auth.password')}
              placeholder={t('auth.passwordPlaceholder')}
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={passwordError}
              disabled={signIn.isPending}
            />
            <Button type="submit" fullWidth size="md" loading={signIn.isPending} disabled={signIn.isPending} mt="xs">
              {t('auth.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text className={classes.footer} size="xs" c="dimmed">
        {t('auth.footer')} · {t('common.timezoneNote')}
      </Text>
    </Box>
  );
}
