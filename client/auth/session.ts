import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/router';
import { isUnauthorized } from '../lib/trpc-errors';
import { trpcClient } from '../trpc';

export type Staff = inferRouterOutputs<AppRouter>['auth']['me'];

// Who is signed in, as the server sees it. Signed out is an answer (null), not an error, so
// the session query never lands in the error state for it and never retries it.
export const SESSION_KEY = ['session'] as const;

export const sessionQuery = queryOptions({
  queryKey: SESSION_KEY,
  queryFn: async (): Promise<Staff | null> => {
    try {
      return await trpcClient.auth.me.query();
    } catch (error) {
      if (isUnauthorized(error)) return null;
      throw error;
    }
  },
  staleTime: Infinity,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** The staff member of a signed-in screen (only rendered once the session is known). */
export function useStaff(): Staff {
  const { data } = useSession();
  if (!data) throw new Error('useStaff() used outside a signed-in screen');
  return data;
}

/** Forget everything the previous session loaded, then mark the session as ended. */
export function endSessionLocally(queryClient: QueryClient): void {
  queryClient.setQueryData(SESSION_KEY, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
}
