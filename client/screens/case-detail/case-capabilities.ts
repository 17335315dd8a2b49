import { nextStatus, OPEN_STATUSES } from '../../../shared/case-transitions';
import { ALLOW, type Role } from '../../../shared/roles';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';

// What the signed-in person may do with this case now: the state machine (shared with the
// server) decides which moves exist, the role and the approval limit decide whose they are.
// The server checks all of it again; this only keeps the page from offering dead ends.

export type ApproveBlock =
  'waitingSupervisor' | 'exception' | 'aboveLimit' | 'fourEyes' | 'stale' | 'staleProposal' | 'notProposed' | 'storeFullOnly';

export interface Capabilities {
  readOnly: boolean;
  apple: boolean;
  /** a Google Play order and a quote that is not the whole order: Google refunds all of it or nothing */
  storeFullOnly: boolean;
  quote: boolean;
  /** null: approving is not a move here at all; otherwise whether this person may, and if not why */
  approve: { allowed: true } | { allowed: false; why: ApproveBlock } | null;
  propose: boolean;
  reject: boolean;
  reopen: boolean;
  redirectToStore: boolean;
  close: boolean;
  sendBack: boolean;
  goodwill: boolean;
  assign: boolean;
  /** the chosen quote went stale and this person made it: recompute it on the same basis in one click */
  recomputeStale: boolean;
}

interface Who {
  role: Role;
  username: string;
  approvalLimitFen: number | null;
}

export function isPayable(quote: CaseQuote | undefined): quote is CaseQuote {
  return !!quote && quote.outcome !== 'none' && quote.amountFen > 0;
}

export function capabilitiesFor(detail: CaseDetail, who: Who, quote: CaseQuote | undefined): Capabilities {
  const status = detail.case.status;
  const works = (ALLOW.work as readonly Role[]).includes(who.role);
  const supervises = who.role === 'supervisor';
  const apple = detail.order.paymentChannel === 'apple_iap';
  const can = (action: Parameters<typeof nextStatus>[1]) => works && nextStatus(status, action) !== null;
  const refunded = detail.refunds.some((r) => r.status === 'succeeded');
  const leftFen = detail.order.paidFen - detail.order.refundedFen;
  // the server's rule (server/cases/quote-currency.ts assertStoreCanPay): Google Play refunds a
  // whole, never-refunded order or nothing, so no other amount is approved or proposed
  const storeFullOnly =
    detail.order.paymentChannel === 'google_play' &&
    nextStatus(status, 'approve') !== null &&
    isPayable(quote) &&
    (detail.order.refundedFen > 0 || quote.amountFen !== detail.order.paidFen);

  const pending = status === 'pending_approval';
  let approve: Capabilities['approve'] = null;
  if (can('approve') && !apple && isPayable(quote)) {
    const limit = who.approvalLimitFen ?? 0;
    // Four eyes: whoever made or proposed a refund needing a supervisor here never checks one here.
    // (the server's rule, server/cases/authority.ts; the current proposer is never the checker either)
    const maker = detail.case.notCheckers.includes(who.username) || quote.createdBy === who.username;
    const fourEyes = (quote.needsSupervisor && maker) || (pending && detail.case.proposedBy === who.username);
    if (storeFullOnly) approve = { allowed: false, why: 'storeFullOnly' };
    else if (pending && !supervises) approve = { allowed: false, why: 'waitingSupervisor' };
    else if (pending && quote.quoteId !== detail.case.proposedQuoteId) approve = { allowed: false, why: 'notProposed' };
    else if (quote.stale) approve = { allowed: false, why: pending ? 'staleProposal' : 'stale' };
    else if (supervises) approve = fourEyes ? { allowed: false, why: 'fourEyes' } : { allowed: true };
    else if (quote.needsSupervisor && quote.exception) approve = { allowed: false, why: 'exception' };
    else if (quote.needsSupervisor || quote.amountFen > limit) approve = { allowed: false, why: 'aboveLimit' };
    else approve = { allowed: true };
  }
  // An agent proposes what they may not approve themselves; a stale quote is never proposed.
  const needsProposal = approve?.allowed === false && (approve.why === 'exception' || approve.why === 'aboveLimit');

  return {
    readOnly: !works,
    apple,
    storeFullOnly,
    quote: can('quote') && !apple,
    approve,
    propose: can('propose') && !apple && isPayable(quote) && needsProposal,
    reject: can('reject') && !apple && (status !== 'pending_approval' || supervises),
    reopen: can('reopen') && !refunded,
    redirectToStore: can('redirect_to_store') && apple,
    close: can('close'),
    sendBack: supervises && can('send_back'),
    goodwill: supervises && can('quote') && !apple && leftFen > 0,
    assign: supervises && OPEN_STATUSES.includes(status),
    recomputeStale: can('quote') && !apple && !!quote?.stale && quote.createdBy === who.username,
  };
}
