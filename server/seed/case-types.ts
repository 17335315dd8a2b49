// Refund cases as planned in memory before they are written.
import type { Quote, RefundInput } from '../../shared/refund';
import type { CaseReason } from './case-text';
import type { SeedOrder } from './orders';
import type { SeedStaff } from './reference-data';

export type CaseStatus = 'new' | 'in_review' | 'pending_approval' | 'approved' | 'refunded' | 'rejected' | 'reopened' | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = ['new', 'in_review', 'pending_approval', 'approved', 'refunded', 'rejected', 'reopened', 'closed'];
/** Statuses that leave the case open: the order keeps its open_case_no. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'in_review', 'pending_approval', 'approved', 'reopened'];

export type CaseChannel = 'app' | 'web' | 'online_chat' | 'phone' | 'email';
export type CommChannel = 'online_chat' | 'phone' | 'email' | 'sms' | 'in_app_message';

export interface SeedQuote {
  id: number; // assigned when written
  basis: 'calendar' | 'evidence';
  input: RefundInput;
  result: Quote;
  createdBy: SeedStaff;
  createdMs: number;
}

export interface SeedDecision {
  action: 'propose' | 'approve' | 'reject' | 'reopen' | 'close';
  quote: SeedQuote | null;
  reasonCode: string | null;
  note: string;
  actor: SeedStaff;
  createdMs: number;
}

export interface SeedRefund {
  quote: SeedQuote;
  amountFen: number;
  status: 'pending' | 'succeeded';
  gatewayRef: string;
  approvedBy: SeedStaff;
  createdMs: number;
  settledMs: number | null;
}

export interface SeedComm {
  direction: 'inbound' | 'outbound' | 'note';
  channel: CommChannel;
  body: string;
  durationSec: number | null;
  author: SeedStaff | null;
  delivery: string | null;
  createdMs: number;
}

export interface SeedCase {
  caseNo: string; // assigned once cases are sorted by creation
  order: SeedOrder;
  channel: CaseChannel;
  reason: CaseReason;
  requested: 'full' | 'prorated';
  statement: string;
  status: CaseStatus;
  assignee: SeedStaff | null;
  createdBy: SeedStaff;
  createdMs: number;
  slaDueAt: string;
  rejectReasonCode: string | null;
  proposedBy: SeedStaff | null;
  proposedQuote: SeedQuote | null;
  closedMs: number | null;
  quotes: SeedQuote[];
  decisions: SeedDecision[];
  refund: SeedRefund | null;
  comms: SeedComm[];
  evidence: string[];
}
