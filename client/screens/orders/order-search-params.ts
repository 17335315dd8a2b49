// The order search lives in the URL (SPEC §4.1): a search can be bookmarked, shared and
// reloaded. Values that do not parse are dropped rather than failing the page.

export const ORDER_STATUSES = ['payment_failed', 'paid', 'partially_refunded', 'refunded'] as const;
export const PLAN_TIERS = ['standard', 'promo', 'cobrand'] as const;
export const PAYMENT_CHANNELS = ['alipay', 'wechat_pay', 'bank_card', 'apple_iap', 'bcoin'] as const;
export const PLATFORMS = ['app_ios', 'app_android', 'web'] as const;

export interface OrderSearchParams {
  q?: string;
  status?: (typeof ORDER_STATUSES)[number];
  tier?: (typeof PLAN_TIERS)[number];
  channel?: (typeof PAYMENT_CHANNELS)[number];
  platform?: (typeof PLATFORMS)[number];
  /** local dates YYYY-MM-DD, Beijing time */
  from?: string;
  to?: string;
  /** opaque keyset cursor from the server */
  cursor?: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function text(value: unknown, max: number): string | undefined {
  if (typeof value === 'number') value = String(value); // ?q=123 arrives as a number
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

function oneOf<T extends string>(list: readonly T[], value: unknown): T | undefined {
  return typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

function date(value: unknown): string | undefined {
  return typeof value === 'string' && DATE_RE.test(value) ? value : undefined;
}

export function validateOrderSearch(raw: Record<string, unknown>): OrderSearchParams {
  const params: OrderSearchParams = {
    q: text(raw.q, 200),
    status: oneOf(ORDER_STATUSES, raw.status),
    tier: oneOf(PLAN_TIERS, raw.tier),
    channel: oneOf(PAYMENT_CHANNELS, raw.channel),
    platform: oneOf(PLATFORMS, raw.platform),
    from: date(raw.from),
    to: date(raw.to),
    cursor: text(raw.cursor, 500),
  };
  // Leave absent keys out so the URL stays clean (?q=… rather than ?q=…&status=undefined).
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as OrderSearchParams;
}
