// The case queue's filters live in the URL: a queue view can be bookmarked, shared and
// reloaded. Values that do not parse are dropped rather than failing the page.

export const CASE_STATUSES = ['new', 'in_review', 'pending_approval', 'approved', 'refunded', 'rejected', 'reopened', 'closed'] as const;
export type CaseStatusValue = (typeof CASE_STATUSES)[number];

/** `open` (the default: every status still being worked) and `all` are the two non-status choices. */
export const STATUS_FILTERS = ['open', 'all', ...CASE_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const CASE_VIEWS = ['mine', 'team'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];

export interface CaseSearchParams {
  /** whose cases: absent means the role's default (mine for those who work cases) */
  view?: CaseView;
  /** absent means `open` */
  status?: Exclude<StatusFilter, 'open'>;
  overdue?: true;
  /** team view only: `unassigned` or a username */
  assignee?: string;
  /** opaque keyset cursor from the server */
  cursor?: string;
}

function oneOf<T extends string>(list: readonly T[], value: unknown): T | undefined {
  return typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

export function validateCaseSearch(raw: Record<string, unknown>): CaseSearchParams {
  const status = oneOf(STATUS_FILTERS, raw.status);
  const view = oneOf(CASE_VIEWS, raw.view);
  const params: CaseSearchParams = {
    view,
    status: status === 'open' ? undefined : status,
    overdue: raw.overdue === true || raw.overdue === 'true' ? true : undefined,
    assignee: view === 'team' ? text(raw.assignee, 64) : undefined,
    cursor: text(raw.cursor, 300),
  };
  // Leave absent keys out so the URL stays clean.
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as CaseSearchParams;
}
