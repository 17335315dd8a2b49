import { Button, Center, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FullPageLoader } from '../components/full-page-loader';
import { setSessionLostHandler, trpcClient } from '../trpc';
import { SessionActionsContext, type SessionActions } from './session-actions';
import { endSessionLocally, SESSION_KEY, useSession } from './session';
import { SignInPage } from './sign-in-page';

// The router, the shell and the screens are fetched once someone is signed in (or starts
// typing on the sign-in page: warm-up.ts), not with the sign-in page.
const SignedInConsole = lazy(() => import('../shell/signed-in-console'));

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

  // The console's history, taken at sign-out (its module is loaded: someone was signed in), so
  // the URL can go back to '/' in the same commit that shows the sign-in page.
  const historyRef = useRef<{ location: { pathname: string }; replace: (path: string) => void } | null>(null);
  const endSession = useCallback(
    async (logout: () => Promise<unknown>) => {
      await logout();
      historyRef.current = (await import('../router')).consoleHistory;
      setEnded('signed-out');
      endSessionLocally(queryClient);
    },
    [queryClient],
  );
  const signOut = useCallback(() => endSession(() => trpcClient.auth.logout.mutate({})), [endSession]);
  const signOutEverywhere = useCallback(() => endSession(() => trpcClient.auth.logoutAll.mutate({})), [endSession]);
  const actions = useMemo<SessionActions>(() => ({ signOut, signOutEverywhere }), [signOut, signOutEverywhere]);
  const clearEnded = useCallback(() => setEnded(null), []);

  // After a deliberate sign-out the next person starts from their own home, not this user's
  // last page. Done once the router is gone, so it does not navigate on the way out, and before
  // the sign-in page is painted, so it never shows under the last user's address.
  const signedOut = !session.data && ended === 'signed-out';
  useLayoutEffect(() => {
    const history = historyRef.current;
    if (signedOut && history && history.location.pathname !== '/') history.replace('/');
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
      <Suspense fallback={<FullPageLoader />}>
        <SignedInConsole key={session.data.username} staff={session.data} onStart={clearEnded} />
      </Suspense>
    </SessionActionsContext.Provider>
  );
}
