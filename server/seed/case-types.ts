// Refund cases as planned in memory before they are written. Row ids (quotes, refunds,
// communications) are given at write time in time order, so whatever names them — audit
// payloads above all — is built lazily.
import type { Quote } from '../../shared/refund';
import type { CaseStatus } from '../../shared/schemas/enums';
import type { CaseReason } from './case-text';
import type { SeedOrder } from './orders';
import type { SeedStaff } from './reference-data';
import type { Actor, AuditInput } from '../audit/record-audit';

export type { CaseStatus };
export const CASE_STATUSES: readonly CaseStatus[] = [
  'new',
  'in_review',
  'pending_approval',
  'approved',
  'refunded',
  'rejected',
  'reopened',
  'closed',
];

export type CaseChannel = 'app' | 'web' | 'online_chat' | 'phone' | 'email';
export type CommChannel = 'online_chat' | 'phone' | 'email' | 'sms' | 'in_app_message';

export interface SeedQuote {
  id: number;
  basis: 'calendar' | 'evidence';
  /** what the engine was given, with the usage log reduced to a digest (as the app stores it) */
  input: unknown;
  result: Quote;
  createdBy: SeedStaff;
  createdMs: number;
}

export interface SeedDecision {
  action: string;
  quote: SeedQuote | null;
  reasonCode: string | null;
  note: string;
  actorId: number;
  createdMs: number;
}

export interface SeedRefund {
  id: number;
  quote: SeedQuote;
  amountFen: number;
  status: 'pending' | 'succeeded';
  /** bcoin refunds are named after their own id, so this is resolved at write time */
  gatewayRef: (refundId: number) => string;
  idempotencyKey: string;
  approvedBy: SeedStaff;
  createdMs: number;
  settledMs: number | null;
}

export interface SeedComm {
  id: number;
  direction: 'inbound' | 'outbound' | 'note';
  channel: CommChannel;
  body: string;
  durationSec: number | null;
  author: SeedStaff | null;
  createdMs: number;
  /** set for messages sent through the outbox: delivered a few seconds later */
  outbox: { dedupeKey: () => string; sentMs: number } | null;
}

export interface SeedQa {
  agent: SeedStaff;
  sampledMs: number;
  review: { verdict: 'correct' | 'incorrect'; comment: string; reviewedMs: number } | null;
}

/** What an audit event says happened (recordAudit's input). */
export type AuditFields = AuditInput;

export interface SeedAuditEvent {
  at: number;
  /** null: the system (the refund reconciler); a store's own actor for its notifications */
  actor: SeedStaff | Actor | null;
  fields: () => AuditFields;
}

export interface SeedCase {
  caseNo: string; // assigned once all cases are sorted by creation
  order: SeedOrder;
  orderIndex: number;
  channel: CaseChannel;
  reason: CaseReason;
  requested: 'full' | 'prorated';
  statement: string;
  /** the status the case ends in; `status` walks there as the history is built */
  target: CaseStatus;
  status: CaseStatus;
  version: number;
  agent: SeedStaff;
  createdMs: number;
  updatedMs: number;
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
  audit: SeedAuditEvent[];
  qa: SeedQa | null;
}
