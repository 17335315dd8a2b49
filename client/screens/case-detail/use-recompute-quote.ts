import { useMutation } from '@tanstack/react-query';
import type { Basis } from '../../../shared/refund';
import type { CaseQuote } from '../../components/case-api-types';
import { useRefreshCase } from '../../components/case-refresh';
import { useTRPCClient } from '../../trpc';

const GOODWILL_PREFIX = 'goodwill: ';

/**
 * A quote that went stale, computed again on the same basis by its maker (one click): a manual
 * basis keeps its used days and written reason, a goodwill quote its amount and reason. The new
 * quote's id goes to `onDone`, so the page can make it the chosen one — the agent asked for it.
 */
export function useRecomputeQuote(caseNo: string, onDone?: (quoteId: number) => void) {
  const client = useTRPCClient();
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: (quote: CaseQuote) => {
      if (quote.goodwill) {
        const reason = quote.basis.kind === 'manual' ? quote.basis.reason.replace(GOODWILL_PREFIX, '') : '';
        return client.cases.goodwill.mutate({ caseNo, amountFen: quote.amountFen, reason });
      }
      const basis: Basis =
        quote.basis.kind === 'manual'
          ? { kind: 'manual', usedDays: quote.basis.usedDays, reason: quote.basis.reason }
          : { kind: quote.basis.kind };
      return client.cases.quote.mutate({ caseNo, basis });
    },
    onSuccess: async (made) => {
      await refresh();
      onDone?.(made.quoteId);
    },
  });
}
