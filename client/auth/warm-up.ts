import type { QueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { Role } from '../../shared/roles';
import { loadScreenMessages } from '../i18n/load-screen-messages';
import type { useTRPC } from '../trpc';

const loadFirstScreenSearch = () => import('./first-screen-search');

/**
 * Once someone starts typing (or a password manager fills the form), fetch what the first screen
 * after sign-in needs — the console (router and shell), the screens' strings, the orders screen
 * where agents land, the toasts' renderer — so signing in waits only for the server, not for a
 * chain of downloads. Not at page load (the sign-in page's own download stays small,
 * docs/performance.md): a sign-in page that nobody uses (a tab whose session ended) downloads
 * only itself. Calling it again does nothing; failures are ignored here: the route fetches again.
 */
export function useWarmUpFirstScreen(): () => void {
  const started = useRef(false);
  return useCallback(() => {
    if (started.current) return;
    started.current = true;
    loadScreenMessages().catch(() => {});
    import('../shell/signed-in-console').catch(() => {});
    loadFirstScreenSearch().catch(() => {});
    import('../screens/orders/orders-screen').catch(() => {});
    import('../shell/notifications-host').catch(() => {});
  }, []);
}

/**
 * Start the first screen's orders search as soon as sign-in answers, instead of after the
 * console's first render: the same query, with the same key, as the orders screen builds from
 * its URL (toSearchInput), so the screen finds the answer in the cache or on its way. The
 * address is read as the router reads it (first-screen-search.ts, fetched by the warm-up, so
 * normally at hand by then). Errors are left to the screen, whose query retries them.
 */
export function prefetchFirstScreen(
  queryClient: QueryClient,
  trpc: ReturnType<typeof useTRPC>,
  role: Role,
  location: { pathname: string; search: string } = window.location,
): void {
  const at = { pathname: location.pathname, search: location.search };
  loadFirstScreenSearch()
    .then(({ prefetchOrderSearch }) => prefetchOrderSearch(queryClient, trpc, role, at))
    .catch(() => {});
}
