import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, splitLink, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../server/router';
import { networkLink } from './lib/online';
import { isClientError, isUnauthorized } from './lib/trpc-errors';

// The API client. Type-only import of the router: no server code reaches the bundle.
// No transformer: the server speaks plain JSON (money in fen, times as ISO strings).
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Called when any call answers UNAUTHORIZED: the session ended (expired or signed out elsewhere). */
let onSessionLost: () => void = () => {};
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

// Sign-in answers UNAUTHORIZED for a wrong password, and auth.me for "nobody is signed in":
// those are answers for the sign-in flow, not a session that was lost.
const SESSION_PROCEDURES = new Set(['auth.login', 'auth.me', 'auth.logout']);

/** Watches every call, whether made through React Query or directly through trpcClient. */
const sessionLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) =>
      next(op).subscribe({
        next: (value) => observer.next(value),
        error: (error) => {
          if (isUnauthorized(error) && !SESSION_PROCEDURES.has(op.path)) onSessionLost();
          observer.error(error);
        },
        complete: () => observer.complete(),
      }),
    );

// The server takes at most 10 calls in a batch and never an auth.* mutation (sign-in, password
// change, sign-outs): those go one per request (server/http/trpc-handler.ts).
const MAX_BATCH = 10;
const unbatched = (op: { type: string; path: string }) => op.type === 'mutation' && op.path.startsWith('auth.');

export const trpcClient = createTRPCClient<AppRouter>({
  // Both links send queries as GET and mutations as POST with Content-Type application/json,
  // which the server's CSRF guard requires.
  links: [
    sessionLink,
    networkLink,
    splitLink({ condition: unbatched, true: httpLink({ url: '/trpc' }), false: httpBatchLink({ url: '/trpc', maxItems: MAX_BATCH }) }),
  ],
});

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx will not change on a retry; a network hiccup or a 5xx gets one more try.
        retry: (failureCount, error) => !isClientError(error) && failureCount < 1,
      },
      // Never repeat a mutation behind the user's back: commands change money and state.
      // 'always': a command sent while offline fails at once instead of waiting to be sent on
      // reconnect (decisions are never queued; the controls are disabled while offline anyway).
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
