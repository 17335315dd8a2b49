import type { Generated, Insertable, Selectable } from 'kysely';

// One interface per table; row types are derived where callers need them.

export interface StaffTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'agent' | 'supervisor' | 'auditor' | 'admin';
  password_hash: string;
  approval_limit_fen: number | null;
  active: Generated<number>;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  staff_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** One sign-in (or password-change) attempt, counted as a failure until it succeeds (login-throttle.ts). */
export interface SignInAttemptsTable {
  id: Generated<number>;
  /** the lowercased username as typed, known or not */
  account: string;
  address: string;
  at: string;
  pair_cleared: Generated<number>;
}

/** An account locked at the failure ceiling, until a supervisor or admin unlocks it. */
export interface SignInLocksTable {
  account: string;
  locked_at: string;
  failures: number;
}

export interface MembersTable {
  uid: string;
  nickname: string;
  phone: string;
  phone_last4: string;
  email: string | null;
  registered_at: string;
  risk_flags: Generated<string>;
}

export interface MemberNameGramsTable {
  gram: string;
  member_uid: string;
}

export interface MemberNameFtsTable {
  rowid: Generated<number>;
  nickname: string;
  uid: string;
}

export interface CommunicationsFtsTable {
  rowid: number;
  body: string;
}

/** Every distinct 1- and 2-character fragment of a communication's lowercased body (triggers keep it). */
export interface CommunicationGramsTable {
  gram: string;
  /** the communication's created_at in epoch milliseconds */
  at_ms: number;
  comm_id: number;
}

export interface PlansTable {
  code: string;
  name_zh: string;
  name_en: string;
  tier: 'standard' | 'promo' | 'cobrand';
  duration_days: number;
  price_fen: number;
  auto_renew: number;
}

export interface OrdersTable {
  order_no: string;
  member_uid: string;
  plan_code: string;
  paid_fen: number;
  refunded_fen: Generated<number>;
  status: 'payment_failed' | 'paid' | 'partially_refunded' | 'refunded';
  payment_channel: 'alipay' | 'wechat_pay' | 'bank_card' | 'apple_iap' | 'bcoin' | 'google_play';
  platform: 'app_ios' | 'app_android' | 'web';
  transaction_id: string;
  created_at: string;
  paid_at: string | null;
  is_renewal: Generated<number>;
  anomaly: 'duplicate_charge' | 'chargeback' | 'risk_hold' | null;
  related_order_no: string | null;
  open_case_no: string | null;
  /** a Google Play order's purchase token (renewals share it); null elsewhere */
  purchase_token?: string | null;
  /** generated: coalesce(paid_at, created_at) */
  sort_at: Generated<string>;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  member_uid: string;
  plan_code: string;
  status: 'active' | 'cancelled';
  started_at: string;
  next_charge_at: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
}

export interface EntitlementsTable {
  order_no: string;
  member_uid: string;
  activated_at: string | null;
  starts_at: string;
  ends_at: string;
  revoked_at: string | null;
}

export interface UsageEventsTable {
  id: Generated<number>;
  order_no: string;
  at: string;
  kind: 'login' | 'perk_redemption' | 'discount_use' | 'playback';
  detail: string;
  value_fen: number | null;
  ip: string | null;
  device: string | null;
}

export interface PolicyVersionsTable {
  version: number;
  settings: string;
  note: string;
  published_by: string;
  published_at: string;
}

export interface CalendarDaysTable {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  name: string;
}

export type CaseStatus = 'new' | 'in_review' | 'pending_approval' | 'approved' | 'refunded' | 'rejected' | 'reopened' | 'closed';

export interface RefundCasesTable {
  case_no: string;
  order_no: string;
  member_uid: string;
  channel: 'app' | 'web' | 'online_chat' | 'phone' | 'email';
  reason: 'mistaken_purchase' | 'unused' | 'dissatisfied' | 'duplicate_charge' | 'unwanted_renewal' | 'other';
  requested: 'full' | 'prorated';
  statement: string;
  status: CaseStatus;
  assignee_id: number | null;
  created_by: number;
  sla_due_at: string;
  reject_reason_code: string | null;
  proposed_by: number | null;
  proposed_quote_id: number | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** when the member applied: the case's opening, or their earlier first contact about it */
  applied_at: string | null;
  /** the first decision of the current review cycle (the SLA is met when it is ≤ sla_due_at) */
  first_decided_at: string | null;
}

export interface CaseEvidenceTable {
  id: Generated<number>;
  case_no: string;
  kind: 'reference' | 'file';
  label: string;
  file_name: string | null;
  mime_type: string | null;
  size_bytes: number | null;
  content: Buffer | null;
  /** the uploaded file behind a 'file' row; null for references */
  upload_id: number | null;
  added_by: number;
  created_at: string;
}

export interface UploadsTable {
  id: Generated<number>;
  sha256: string;
  /** sanitised (shared/uploads.ts) */
  file_name: string;
  mime_type: string;
  size_bytes: number;
  content: Buffer;
  uploaded_by: number;
  created_at: string;
}

export interface CommAttachmentsTable {
  comm_id: number;
  upload_id: number;
}

export interface QuotesTable {
  id: Generated<number>;
  case_no: string;
  order_no: string;
  policy_version: number;
  basis_kind: 'calendar' | 'evidence' | 'manual' | 'goodwill';
  outcome: 'full' | 'prorated' | 'none';
  reason_code: string;
  amount_fen: number;
  needs_supervisor: number;
  input: string;
  result: string;
  created_by: number;
  created_at: string;
  /** sha256 of the order's deciding facts when quoted (null: quoted before they were kept) */
  facts_digest: string | null;
  /** sha256 of the order's usage log when quoted */
  usage_digest: string | null;
}

export interface CaseDecisionsTable {
  id: Generated<number>;
  case_no: string;
  action: string;
  quote_id: number | null;
  reason_code: string | null;
  note: Generated<string>;
  actor_id: number;
  created_at: string;
}

export interface RefundsTable {
  id: Generated<number>;
  case_no: string;
  order_no: string;
  quote_id: number;
  amount_fen: number;
  payment_channel: string;
  status: 'pending' | 'succeeded' | 'failed';
  gateway_ref: string | null;
  failure_reason: string | null;
  idempotency_key: string;
  approved_by: number;
  created_at: string;
  settled_at: string | null;
  /** a server's claim while it settles this refund (reconcile-refunds.ts); null when none */
  reconcile_claimed_until: Generated<string | null>;
}

export interface IdempotencyKeysTable {
  key: string;
  staff_id: number;
  procedure: string;
  request_hash: string;
  response: string;
  created_at: string;
}

export interface CommunicationsTable {
  id: Generated<number>;
  case_no: string | null;
  member_uid: string;
  direction: 'inbound' | 'outbound' | 'note';
  channel: 'online_chat' | 'phone' | 'email' | 'sms' | 'in_app_message';
  body: string;
  duration_sec: number | null;
  author_id: number | null;
  delivery_status: string | null;
  created_at: string;
  edited_at: string | null;
}

export interface MessageTemplatesTable {
  id: Generated<number>;
  code: string;
  locale: 'zh-CN' | 'en';
  title: string;
  body: string;
  updated_by: string;
  updated_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  dedupe_key: string;
  communication_id: number | null;
  member_uid: string;
  channel: 'sms' | 'in_app_message';
  body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_username: string;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  request_id: string | null;
  client_ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface QaReviewsTable {
  id: Generated<number>;
  case_no: string;
  refund_id: number;
  agent_id: number;
  sampled_at: string;
  reviewer_id: number | null;
  verdict: 'correct' | 'incorrect' | null;
  comment: string | null;
  reviewed_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface PiiLookupsTable {
  staff_id: number;
  /** SHA-256 of `kind:value` (a phone's 11 digits, a lower-cased e-mail) */
  key_hash: string;
  looked_up_at: string;
}

export interface PiiLookupAlertsTable {
  staff_id: number;
  alerted_at: string;
}

export interface DB {
  staff: StaffTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  sign_in_locks: SignInLocksTable;
  members: MembersTable;
  member_name_grams: MemberNameGramsTable;
  member_name_fts: MemberNameFtsTable;
  plans: PlansTable;
  orders: OrdersTable;
  subscriptions: SubscriptionsTable;
  entitlements: EntitlementsTable;
  usage_events: UsageEventsTable;
  policy_versions: PolicyVersionsTable;
  calendar_days: CalendarDaysTable;
  refund_cases: RefundCasesTable;
  case_evidence: CaseEvidenceTable;
  uploads: UploadsTable;
  comm_attachments: CommAttachmentsTable;
  quotes: QuotesTable;
  case_decisions: CaseDecisionsTable;
  refunds: RefundsTable;
  idempotency_keys: IdempotencyKeysTable;
  communications: CommunicationsTable;
  communications_fts: CommunicationsFtsTable;
  communication_grams: CommunicationGramsTable;
  message_templates: MessageTemplatesTable;
  outbox: OutboxTable;
  audit_events: AuditEventsTable;
  qa_reviews: QaReviewsTable;
  settings: SettingsTable;
  pii_lookups: PiiLookupsTable;
  pii_lookup_alerts: PiiLookupAlertsTable;
}

export type Staff = Selectable<StaffTable>;
export type NewOrder = Insertable<OrdersTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
