import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

/**
 * After any change to a case: refetch the case, the queues, and the order pages (a refund moves
 * the order's status and refunded amount) and communication lists (decisions message the member).
 */
export function useRefreshCase() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.cases.pathFilter()),
      queryClient.invalidateQueries(trpc.orders.pathFilter()),
      queryClient.invalidateQueries(trpc.comms.list.pathFilter()),
    ]);
}
