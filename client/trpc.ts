import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../server/router';
import { errorPath, isClientError, isUnauthorized } from './lib/trpc-errors';

// The API client. Type-only import of the router: no server code reaches the bundle.
// No transformer: the server speaks plain JSON (money in fen, times as ISO strings).
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export const trpcClient = createTRPCClient<AppRouter>({
  // httpBatchLink sends queries as GET and mutations as POST with Content-Type
  // application/json, which the server's CSRF guard requires.
  links: [httpBatchLink({ url: '/trpc' })],
});

/** Called when any call answers UNAUTHORIZED: the session ended (expired or signed out elsewhere). */
let onSessionLost: () => void = () => {};
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

function handleError(error: unknown): void {
  // A failed sign-in is also UNAUTHORIZED; it is the sign-in form's to show, not a lost session.
  if (isUnauthorized(error) && errorPath(error) !== 'auth.login') onSessionLost();
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx will not change on a retry; a network hiccup or a 5xx gets one more try.
        retry: (failureCount, error) => !isClientError(error) && failureCount < 1,
      },
      // Never repeat a mutation behind the user's back: commands change money and state.
      mutations: { retry: false },
    },
  });
}
