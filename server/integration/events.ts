import { createHash } from 'node:crypto';
import { z } from 'zod';

// The events of docs/integration.md §1, validated. Money in fen (integers), times ISO-8601 with
// an offset (kept as UTC ISO strings once parsed, so they compare as text).

export const MAX_BATCH_EVENTS = 500;
export const MAX_BODY_BYTES = 1024 * 1024;

const when = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const fen = z.number().int().min(0).max(1_000_000_000);
const key = z.string().min(1).max(100);
const text = (max: number) => z.string().max(max);
const channel = z.enum(['alipay', 'wechat_pay', 'bank_card', 'apple_iap', 'bcoin', 'google_play']);
const platform = z.enum(['app_ios', 'app_android', 'web']);

export const EVENT_DATA = {
  'plan.upserted': z.object({
    code: key,
    tier: z.enum(['standard', 'promo', 'cobrand']),
    durationDays: z.number().int().min(1).max(3660),
    priceFen: fen,
    autoRenew: z.boolean(),
    nameZh: text(200).min(1),
    nameEn: text(200).min(1),
  }),
  'member.upserted': z.object({
    uid: key,
    nickname: text(100).min(1),
    phone: z
      .string()
      .regex(/^\d{11}$/, 'an 11-digit mainland mobile number')
      .optional(),
    email: z.email().max(200).optional(),
    registeredAt: when.optional(),
  }),
  'member.consent': z.object({ uid: key, storeConsumptionData: z.boolean(), at: when }),
  'order.created': z.object({
    orderNo: key,
    memberUid: key,
    planCode: key,
    priceFen: fen,
    createdAt: when,
    platform,
    paymentChannel: channel,
  }),
  'order.paid': z.object({
    orderNo: key,
    memberUid: key,
    planCode: key,
    paidFen: fen,
    paidAt: when,
    paymentChannel: channel,
    transactionId: key,
    platform,
    autoRenew: z.boolean().optional(),
    /** a Google Play order's purchase token (its transactionId is the Play orderId) */
    purchaseToken: z.string().min(1).max(2000).optional(),
  }),
  'order.payment_failed': z.object({ orderNo: key, at: when }),
  'order.flagged': z.object({ orderNo: key, anomaly: z.enum(['chargeback', 'risk_hold']).nullable(), at: when }),
  'order.refunded': z.object({ orderNo: key, amountFen: fen.min(1), at: when, ref: key, source: z.enum(['store', 'platform']) }),
  'entitlement.activated': z.object({ orderNo: key, at: when }),
  'usage.recorded': z.object({
    orderNo: key,
    kind: z.enum(['login', 'play', 'discount', 'item_redeem']),
    at: when,
    detail: text(500).optional(),
    amountFen: fen.optional(),
    ip: text(64).optional(),
    device: text(200).optional(),
  }),
  'subscription.updated': z.object({
    memberUid: key,
    planCode: key,
    status: z.enum(['active', 'cancelled', 'expired']),
    nextChargeAt: when.nullable().optional(),
  }),
  'refund.settled': z.object({ idempotencyKey: key, gatewayRef: key.optional(), reason: text(500).optional(), at: when }),
  'refund.failed': z.object({ idempotencyKey: key, gatewayRef: key.optional(), reason: text(500).optional(), at: when }),
  'message.delivered': z.object({ messageId: key, at: when, reason: text(500).optional() }),
  'message.failed': z.object({ messageId: key, at: when, reason: text(500).optional() }),
} as const;

export type EventType = keyof typeof EVENT_DATA;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];

export type EventOf<T extends EventType> = { id: string; type: T; occurredAt: string; data: z.infer<(typeof EVENT_DATA)[T]> };
export type PlatformEvent = { [T in EventType]: EventOf<T> }[EventType];

/** A valid event and the SHA-256 of its body as sent (keys sorted), for telling replays from conflicts. */
export interface CheckedEvent {
  event: PlatformEvent;
  sha256: string;
  raw: unknown;
}

export interface EventError {
  index: number;
  id?: string;
  path: string;
  message: string;
}

const envelope = z.object({
  id: key,
  type: z.string().min(1).max(100),
  occurredAt: when,
  data: z.record(z.string(), z.unknown()),
});

export function checkEvent(raw: unknown, index: number): { ok: true; value: CheckedEvent } | { ok: false; errors: EventError[] } {
  const head = envelope.safeParse(raw);
  const id = typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id.slice(0, 100) : undefined;
  if (!head.success) return { ok: false, errors: issues(head.error, index, id, '') };
  const type = head.data.type;
  if (!(type in EVENT_DATA))
    return { ok: false, errors: [{ index, id, path: 'type', message: `unknown event type "${type.slice(0, 100)}"` }] };
  const data = EVENT_DATA[type as EventType].safeParse(head.data.data);
  if (!data.success) return { ok: false, errors: issues(data.error, index, id, 'data.') };
  const event = { id: head.data.id, type, occurredAt: head.data.occurredAt, data: data.data } as PlatformEvent;
  return { ok: true, value: { event, raw, sha256: createHash('sha256').update(stableJson(raw)).digest('hex') } };
}

function issues(error: z.ZodError, index: number, id: string | undefined, prefix: string): EventError[] {
  return error.issues.slice(0, 10).map((i) => ({ index, id, path: prefix + i.path.join('.'), message: i.message }));
}

/** JSON with object keys sorted, so the same event sent with its keys in another order hashes the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
