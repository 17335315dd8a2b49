import type { CaseStatus } from './schemas/enums';

export type CaseAction =
  | 'quote'
  | 'propose'
  | 'approve'
  | 'send_back'
  | 'reject'
  | 'reopen'
  | 'payment_succeeded'
  | 'payment_failed'
  | 'redirect_to_store'
  | 'store_refunded'
  | 'close';

// The case's state machine in one table: for each action, the states it may start from and
// the state it leads to. Anything not listed is refused (CONFLICT).
export const CASE_TRANSITIONS: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus | 'same' }> = {
  quote: { from: ['new', 'in_review', 'reopened', 'pending_approval'], to: 'same' },
  propose: { from: ['new', 'in_review', 'reopened'], to: 'pending_approval' },
  approve: { from: ['new', 'in_review', 'reopened', 'pending_approval'], to: 'approved' },
  send_back: { from: ['pending_approval'], to: 'in_review' },
  reject: { from: ['new', 'in_review', 'reopened', 'pending_approval'], to: 'rejected' },
  reopen: { from: ['rejected', 'closed'], to: 'reopened' },
  payment_succeeded: { from: ['approved'], to: 'refunded' },
  payment_failed: { from: ['approved'], to: 'in_review' },
  redirect_to_store: { from: ['new', 'in_review', 'reopened'], to: 'closed' },
  // the store refunded the order itself (Apple's REFUND notification): an open case on it closes
  store_refunded: { from: ['new', 'in_review', 'reopened', 'pending_approval'], to: 'closed' },
  close: { from: ['refunded', 'rejected'], to: 'closed' },
};

export function nextStatus(current: CaseStatus, action: CaseAction): CaseStatus | null {
  const rule = CASE_TRANSITIONS[action];
  if (!rule.from.includes(current)) return null;
  if (rule.to === 'same') return current === 'new' ? 'in_review' : current;
  return rule.to;
}

export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'in_review', 'pending_approval', 'approved', 'reopened'];
