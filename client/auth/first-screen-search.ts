import type { QueryClient } from '@tanstack/react-query';
import { defaultParseSearch } from '@tanstack/react-router';
import type { Role } from '../../shared/roles';
import { homePathFor } from '../navigation';
import { toSearchInput } from '../screens/orders/order-search-input';
import { validateOrderSearch, type OrderSearchParams } from '../screens/orders/order-search-params';
import type { useTRPC } from '../trpc';

// Loaded with the console (warm-up.ts), not with the sign-in page: it reads the address as the
// router does, and the router is not in the sign-in page's download.

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

/** The first screen's orders search, started now (see prefetchFirstScreen in warm-up.ts). */
export function prefetchOrderSearch(
  queryClient: QueryClient,
  trpc: ReturnType<typeof useTRPC>,
  role: Role,
  location: { pathname: string; search: string },
): void {
  const search = firstOrderSearch(role, location);
  if (!search) return;
  void queryClient.prefetchQuery(trpc.orders.search.queryOptions(toSearchInput(search).input));
}
