import type { QueryClient } from '@tanstack/react-query';
import { defaultParseSearch } from '@tanstack/react-router';
import { useCallback, useRef } from 'react';
import type { Role } from '../../shared/roles';
import { loadScreenMessages } from '../i18n/load-screen-messages';
import { homePathFor } from '../navigation';
import { toSearchInput } from '../screens/orders/order-search-input';
import { validateOrderSearch, type OrderSearchParams } from '../screens/orders/order-search-params';
import type { useTRPC } from '../trpc';

/**
 * Once someone starts typing (or a password manager fills the form), fetch what the first screen
 * after sign-in needs — the screens' strings, the orders screen where agents land, the toasts'
 * renderer — so signing in waits only for the server, not for a chain of downloads. Not at page
 * load (the sign-in page's own download stays small, docs/performance.md): a sign-in
 * page that nobody uses (a tab whose session ended) downloads only itself. Calling it again does
 * nothing; failures are ignored here: the route fetches again.
 */
export function useWarmUpFirstScreen(): () => void {
  const started = useRef(false);
  return useCallback(() => {
    if (started.current) return;
    started.current = true;
    loadScreenMessages().catch(() => {});
    import('../screens/orders/orders-screen').catch(() => {});
    import('../shell/notifications-host').catch(() => {});
  }, []);
}

/**
 * The orders search the console is about to show, when it lands on the orders screen: the
 * address is the role's home ('/', which redirects to /orders with no search) or /orders itself,
 * and the role's home is the orders screen. Undefined for anything else (a deep link to another
 * screen, a role that starts elsewhere).
 */
export function firstOrderSearch(role: Role, location: { pathname: string; search: string }): OrderSearchParams | undefined {
  if (homePathFor(role) !== '/orders') return undefined;
  if (location.pathname === '/') return {};
  // The router's own reading of the address (the same parse and validation the route does).
  if (location.pathname === '/orders') return validateOrderSearch(defaultParseSearch(location.search));
  return undefined;
}

/**
 * Start the first screen's orders search as soon as sign-in answers, instead of after the
 * console's first render: the same query, with the same key, as the orders screen builds from
 * its URL (toSearchInput), so the screen finds the answer in the cache or on its way. Errors
 * are left to the screen, whose query retries them.
 */
export function prefetchFirstScreen(
  queryClient: QueryClient,
  trpc: ReturnType<typeof useTRPC>,
  role: Role,
  location: { pathname: string; search: string } = window.location,
): void {
  const search = firstOrderSearch(role, location);
  if (!search) return;
  void queryClient.prefetchQuery(trpc.orders.search.queryOptions(toSearchInput(search).input));
}
