import { Button, Center, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FullPageLoader } from '../components/full-page-loader';
import { createConsoleRouter } from '../router';
import { setSessionLostHandler } from '../trpc';
import { endSessionLocally, useSession, type Staff } from './session';
import { SignInPage } from './sign-in-page';

// Nothing of the console renders before the server has said who is signed in. Signed out,
// every URL shows the sign-in page (the URL stays, so deep links survive signing in).
export function SessionGate() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSession();
  const [sessionEnded, setSessionEnded] = useState(false);

  useEffect(() => {
    setSessionLostHandler(() => {
      if (queryClient.getQueryData(['session'])) setSessionEnded(true);
      endSessionLocally(queryClient);
    });
  }, [queryClient]);

  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return (
      <Center h="100vh">
        <Stack align="center" gap="sm">
          <Text>{t('common.serverUnavailable')}</Text>
          <Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  if (!session.data) return <SignInPage sessionEnded={sessionEnded} />;
  return <SignedInConsole key={session.data.username} staff={session.data} onMount={() => setSessionEnded(false)} />;
}

function SignedInConsole({ staff, onMount }: { staff: Staff; onMount: () => void }) {
  const [router] = useState(() => createConsoleRouter({ staff }));
  useEffect(onMount, [onMount]);
  return <RouterProvider router={router} context={{ staff }} />;
}
