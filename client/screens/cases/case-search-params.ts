import type { z } from 'zod';
import type { caseBasisFilter, caseDateField, caseDecisionFilter, casesListInput } from '../../../shared/schemas/cases';
import { isLocalDate } from '../../../shared/time/local-date';
import { compact, oneOf, text } from '../../lib/url-search';

// The case queue's filters live in the URL: a queue view can be bookmarked, shared and
// reloaded, and the dashboard links its figures here. Values that do not parse are dropped
// rather than failing the page. The keys are the names cases.list takes.

export const CASE_STATUSES = ['new', 'in_review', 'pending_approval', 'approved', 'refunded', 'rejected', 'reopened', 'closed'] as const;
export type CaseStatusValue = (typeof CASE_STATUSES)[number];

/** `open` (the default: every status still being worked) and `all` are the two non-status choices. */
export const STATUS_FILTERS = ['open', 'all', ...CASE_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const CASE_VIEWS = ['mine', 'team'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];

export const CASE_REASONS = ['mistaken_purchase', 'unused', 'dissatisfied', 'duplicate_charge', 'unwanted_renewal', 'other'] as const;
export const CASE_CHANNELS = ['app', 'web', 'online_chat', 'phone', 'email'] as const;
export const PLAN_TIERS = ['standard', 'promo', 'cobrand'] as const;
export const DECISIONS = ['approved', 'rejected', 'proposed', 'refunded'] as const satisfies readonly z.infer<typeof caseDecisionFilter>[];
export const BASES = ['exception', 'evidence', 'manual', 'goodwill', 'calendar'] as const satisfies readonly z.infer<
  typeof caseBasisFilter
>[];
export const DATE_FIELDS = ['created', 'decided', 'closed'] as const satisfies readonly z.infer<typeof caseDateField>[];

export type Decision = (typeof DECISIONS)[number];
export type Basis = (typeof BASES)[number];
export type DateField = (typeof DATE_FIELDS)[number];

/** Decisions that carry a quote, so a basis can narrow them. */
export function decisionHasBasis(decision: Decision | undefined): boolean {
  return decision === 'approved' || decision === 'proposed' || decision === 'refunded';
}

export interface CaseSearchParams {
  /** whose cases: absent means the role's default (mine for those who work cases) */
  view?: CaseView;
  /** absent means `open` */
  status?: Exclude<StatusFilter, 'open'>;
  overdue?: true;
  /** team view only: `unassigned` or a username */
  assignee?: string;
  /** a case or order number, or its beginning */
  q?: string;
  reason?: (typeof CASE_REASONS)[number];
  channel?: (typeof CASE_CHANNELS)[number];
  planCode?: string;
  tier?: (typeof PLAN_TIERS)[number];
  decision?: Decision;
  /** only with a decision that carries a quote */
  basis?: Basis;
  decidedBy?: string;
  /** which date from/to bound; absent means `created` */
  dateField?: Exclude<DateField, 'created'>;
  /** local dates (Beijing), both ends included */
  from?: string;
  to?: string;
  slaBreached?: true;
  /** opaque keyset cursor from the server */
  cursor?: string;
}

/** The filters a user sets (everything but whose queue and the page). */
export const FILTER_KEYS = [
  'status',
  'overdue',
  'assignee',
  'q',
  'reason',
  'channel',
  'planCode',
  'tier',
  'decision',
  'basis',
  'decidedBy',
  'dateField',
  'from',
  'to',
  'slaBreached',
] as const satisfies readonly (keyof CaseSearchParams)[];

function flag(value: unknown): true | undefined {
  return value === true || value === 'true' ? true : undefined;
}

function localDate(value: unknown): string | undefined {
  return typeof value === 'string' && isLocalDate(value) ? value : undefined;
}

export function validateCaseSearch(raw: Record<string, unknown>): CaseSearchParams {
  const status = oneOf(STATUS_FILTERS, raw.status);
  const view = oneOf(CASE_VIEWS, raw.view);
  const decision = oneOf(DECISIONS, raw.decision);
  const dateField = oneOf(DATE_FIELDS, raw.dateField);
  let from = localDate(raw.from);
  let to = localDate(raw.to);
  if (from && to && from > to) [from, to] = [to, from];
  return compact<CaseSearchParams>({
    view,
    status: status === 'open' ? undefined : status,
    overdue: flag(raw.overdue),
    assignee: view === 'team' ? text(raw.assignee, 64) : undefined,
    q: text(raw.q, 40),
    reason: oneOf(CASE_REASONS, raw.reason),
    channel: oneOf(CASE_CHANNELS, raw.channel),
    planCode: text(raw.planCode, 40),
    tier: oneOf(PLAN_TIERS, raw.tier),
    decision,
    basis: decisionHasBasis(decision) ? oneOf(BASES, raw.basis) : undefined,
    decidedBy: text(raw.decidedBy, 64),
    dateField: dateField === 'created' ? undefined : dateField,
    from,
    to,
    slaBreached: flag(raw.slaBreached),
    cursor: text(raw.cursor, 300),
  });
}

/** True when any filter narrows the queue (the view and the page do not). */
export function isFiltered(search: CaseSearchParams): boolean {
  return FILTER_KEYS.some((key) => search[key] !== undefined);
}

/** The same view without any filter. */
export function withoutFilters(search: CaseSearchParams): CaseSearchParams {
  return compact({ ...search, ...Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])), cursor: undefined });
}

export type CaseListInput = z.input<typeof casesListInput>;

/** The cases.list input for what the URL asks for: the queue shown is exactly these filters. */
export function caseListInput(search: CaseSearchParams, view: CaseView, limit: number): CaseListInput {
  return compact<CaseListInput>({
    assignee: view === 'mine' ? 'me' : search.assignee,
    ...(search.status === undefined ? { open: true } : search.status === 'all' ? {} : { status: search.status }),
    overdue: search.overdue,
    q: search.q,
    reason: search.reason,
    channel: search.channel,
    planCode: search.planCode,
    tier: search.tier,
    decision: search.decision,
    basis: decisionHasBasis(search.decision) ? search.basis : undefined,
    decidedBy: search.decidedBy,
    dateField: search.from || search.to ? (search.dateField ?? 'created') : undefined,
    from: search.from,
    to: search.to,
    slaBreached: search.slaBreached,
    withTotal: true,
    limit,
    cursor: search.cursor,
  });
}

/** The cases export (GET /export/cases.csv) with the same filters as the list: every match, not a page. */
export function casesCsvHref(input: CaseListInput): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null || key === 'limit' || key === 'cursor' || key === 'withTotal') continue;
    params.set(key, String(value));
  }
  const query = params.toString();
  return `/export/cases.csv${query ? `?${query}` : ''}`;
}
