import { useState } from 'react';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';

/**
 * The quote a decision applies to — only ever the person's own choice (issue 14, defect 7: the
 * page used to switch to the newest quote after a recompute). Without a choice: the proposed
 * quote while the case waits for approval (the only one that can be approved then), else the
 * single quote when there is just one, else none — with several quotes the agent picks.
 * A new quote on the case never changes the choice.
 */
export function useDecisionQuote(detail: CaseDetail) {
  const [picked, setPicked] = useState<number | null>(null);
  const chosen = picked === null ? undefined : detail.quotes.find((q) => q.quoteId === picked);
  return [chosen ?? defaultDecisionQuote(detail), setPicked] as const;
}

/** The quote decided on when nobody has chosen: see useDecisionQuote. */
export function defaultDecisionQuote(detail: CaseDetail): CaseQuote | undefined {
  const { quotes } = detail;
  if (detail.case.status === 'pending_approval') {
    const proposed = quotes.find((q) => q.quoteId === detail.case.proposedQuoteId);
    if (proposed) return proposed;
  }
  return quotes.length === 1 ? quotes[0] : undefined;
}
