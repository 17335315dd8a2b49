import { useState } from 'react';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';

/**
 * The quote a decision applies to: the default (proposed, else latest) until the agent picks
 * another. A new quote on the case (a recompute) brings the choice back to the default.
 */
export function useDecisionQuote(detail: CaseDetail, fallback: CaseQuote | undefined) {
  const [picked, setPicked] = useState<{ quoteId: number; seen: number } | null>(null);
  const current = picked && picked.seen === detail.quotes.length ? detail.quotes.find((q) => q.quoteId === picked.quoteId) : undefined;
  const select = (quoteId: number) => setPicked({ quoteId, seen: detail.quotes.length });
  return [current ?? fallback, select] as const;
}
