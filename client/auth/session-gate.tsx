import { Button, Center, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FullPageLoader } from '../components/full-page-loader';
import { consoleHistory, createConsoleRouter } from '../router';
import { setSessionLostHandler, trpcClient } from '../trpc';
import { SessionActionsContext, type SessionActions } from './session-actions';
import { endSessionLocally, SESSION_KEY, useSession, type Staff } from './session';
import { SignInPage } from './sign-in-page';

type SessionEnd = 'expired' | 'signed-out' | null;

// Nothing of the console renders before the server has said who is signed in. Signed out,
// every URL shows the sign-in page; the URL stays, so a deep link opens after signing in.
export function SessionGate() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSession();
  const [ended, setEnded] = useState<SessionEnd>(null);

  // Any call answering UNAUTHORIZED means the session is gone (expired, or ended elsewhere).
  useEffect(() => {
    setSessionLostHandler(() => {
      if (queryClient.getQueryData(SESSION_KEY)) setEnded('expired');
      endSessionLocally(queryClient);
    });
  }, [queryClient]);

  const signOut = useCallback(async () => {
    await trpcClient.auth.logout.mutate({});
    setEnded('signed-out');
    endSessionLocally(queryClient);
  }, [queryClient]);
  const signOutEverywhere = useCallback(async () => {
    await trpcClient.auth.logoutAll.mutate({});
    setEnded('signed-out');
    endSessionLocally(queryClient);
  }, [queryClient]);
  const actions = useMemo<SessionActions>(() => ({ signOut, signOutEverywhere }), [signOut, signOutEverywhere]);
  const clearEnded = useCallback(() => setEnded(null), []);

  // After a deliberate sign-out the next person starts from their own home, not this user's
  // last page. Done once the router is gone, so it does not navigate on the way out.
  const signedOut = !session.data && ended === 'signed-out';
  useEffect(() => {
    if (signedOut && consoleHistory.location.pathname !== '/') consoleHistory.replace('/');
  }, [signedOut]);

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
  if (!session.data) return <SignInPage sessionEnded={ended === 'expired'} />;
  return (
    <SessionActionsContext.Provider value={actions}>
      <SignedInConsole key={session.data.username} staff={session.data} onStart={clearEnded} />
    </SessionActionsContext.Provider>
  );
}

function SignedInConsole({ staff, onStart }: { staff: Staff; onStart: () => void }) {
  const [router] = useState(() => createConsoleRouter({ staff }));
  useEffect(onStart, [onStart]);
  return <RouterProvider router={router} context={{ staff }} />;
}
