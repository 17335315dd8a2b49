import { compact, matching, oneOf, text } from '../../lib/url-search';

// The order search lives in the URL (docs/spec.md §4.1): a search can be bookmarked, shared and
// reloaded, and the back button steps through searches and pages. Values that do not parse are
// dropped rather than failing the page.

export const ORDER_STATUSES = ['payment_failed', 'paid', 'partially_refunded', 'refunded'] as const;
export const PLAN_TIERS = ['standard', 'promo', 'cobrand'] as const;
export const PAYMENT_CHANNELS = ['alipay', 'wechat_pay', 'bank_card', 'apple_iap', 'bcoin', 'google_play'] as const;
export const PLATFORMS = ['app_ios', 'app_android', 'web'] as const;
export const SORT_KEYS = ['paidAt', 'paidFen'] as const;
export const SORT_DIRS = ['asc', 'desc'] as const;
export const YES_NO = ['yes', 'no'] as const;

export type OrderSortKey = (typeof SORT_KEYS)[number];
export type SortDir = (typeof SORT_DIRS)[number];
type YesNo = (typeof YES_NO)[number];

export interface OrderSearchParams {
  q?: string;
  status?: (typeof ORDER_STATUSES)[number];
  tier?: (typeof PLAN_TIERS)[number];
  plan?: string;
  channel?: (typeof PAYMENT_CHANNELS)[number];
  platform?: (typeof PLATFORMS)[number];
  /** paid between these local dates (YYYY-MM-DD, Beijing time), both included */
  from?: string;
  to?: string;
  /** amount paid, in yuan (25, 9.9): readable in a shared link (?min=25); fen on the wire */
  min?: number;
  max?: number;
  openCase?: YesNo;
  autoRenew?: YesNo;
  /** absent means the server's default: newest payment first */
  sort?: OrderSortKey;
  dir?: SortDir;
  /**
   * The keyset cursors that led to the current page, oldest first, joined by "." (base64url
   * never contains one). Absent on the first page; "previous page" drops the last one.
   */
  pages?: string;
}

/** The keys that narrow the result set: changing any of them starts again from page one. */
export const FILTER_KEYS = ['status', 'tier', 'plan', 'channel', 'platform', 'from', 'to', 'min', 'max', 'openCase', 'autoRenew'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const YUAN_RE = /^\d{1,9}(\.\d{1,2})?$/;
const PLAN_RE = /^[a-z0-9_]{1,40}$/;
const CURSOR_TRAIL_RE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const MAX_PAGES = 100;
const MAX_YUAN = 100_000_000;

/** Yuan with at most two decimals: 25, 9.9, "68.00" (a hand-typed link) all read. */
function yuan(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && YUAN_RE.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > MAX_YUAN) return undefined;
  return Math.round(n * 100) === Math.round(n * 1e6) / 1e4 ? n : undefined;
}

function cursorTrail(value: unknown): string | undefined {
  const s = matching(value, CURSOR_TRAIL_RE, 300 * MAX_PAGES);
  return s && s.split('.').length <= MAX_PAGES ? s : undefined;
}

export function validateOrderSearch(raw: Record<string, unknown>): OrderSearchParams {
  const params: OrderSearchParams = {
    q: text(raw.q, 100),
    status: oneOf(ORDER_STATUSES, raw.status),
    tier: oneOf(PLAN_TIERS, raw.tier),
    plan: matching(raw.plan, PLAN_RE),
    channel: oneOf(PAYMENT_CHANNELS, raw.channel),
    platform: oneOf(PLATFORMS, raw.platform),
    from: matching(raw.from, DATE_RE),
    to: matching(raw.to, DATE_RE),
    min: yuan(raw.min),
    max: yuan(raw.max),
    openCase: oneOf(YES_NO, raw.openCase),
    autoRenew: oneOf(YES_NO, raw.autoRenew),
    sort: oneOf(SORT_KEYS, raw.sort),
    dir: oneOf(SORT_DIRS, raw.dir),
    pages: cursorTrail(raw.pages),
  };
  return compact(params);
}

/** 12.5 → 1250: whole fen (the validated value has at most two decimals). */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** "12.50" typed in a box → 12.5; undefined when it is not an amount. */
export function parseYuan(text: string): number | undefined {
  return yuan(text);
}

export function cursorStack(params: OrderSearchParams): string[] {
  return params.pages ? params.pages.split('.') : [];
}

export function activeFilterCount(params: OrderSearchParams): number {
  return FILTER_KEYS.filter((k) => params[k] !== undefined).length;
}
