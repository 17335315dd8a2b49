// The refund engine's contract as zod schemas: the server validates API input and stored quotes
// with these, the engine validates its own input with them, and the TS types derive from them.
import { z } from 'zod';
import { parseInstant, isValidTimeZone } from '../time/local-date';
import { freeText } from '../schemas/text';

// ¥100,000,000 is far above any membership order, and keeps paid × days (days ≤ MAX_DAYS)
// below 2^53 so the engine's integer arithmetic is exact.
export const MAX_FEN = 10_000_000_000;
const MAX_DAYS = 3660;

export const fenSchema = z
  .number()
  .int({ error: 'Money must be an integer number of fen' })
  .nonnegative({ error: 'Money cannot be negative' })
  .max(MAX_FEN, { error: `Money cannot exceed ${MAX_FEN} fen` });

// zod's regex already rejects impossible dates such as 02-30; parseInstant is what the engine
// uses to read the value, so requiring it too guarantees the engine never sees NaN.
export const isoInstantSchema = z.iso
  .datetime({ offset: true, error: 'Expected an ISO-8601 date-time with an offset' })
  .refine((s) => parseInstant(s) !== null, { error: 'Not a real date-time' });

export const tierSchema = z.enum(['standard', 'promo', 'cobrand']);
export const orderStatusSchema = z.enum(['payment_failed', 'paid', 'partially_refunded', 'refunded']);
export const anomalySchema = z.enum(['duplicate_charge', 'chargeback', 'risk_hold']);
export const usageKindSchema = z.enum(['login', 'perk_redemption', 'discount_use', 'playback']);

export const basisSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('calendar') }),
  z.object({ kind: z.literal('evidence') }),
  z.object({
    kind: z.literal('manual'),
    usedDays: z.number().int().nonnegative().max(MAX_DAYS),
    reason: freeText(1000).min(1, { error: 'A manual basis needs a written justification' }),
  }),
]);

export const refundPolicySchema = z.object({
  version: z.number().int().positive(),
  fullRefundWindowDays: z.number().int().nonnegative().max(MAX_DAYS),
  refundableTiers: z.array(tierSchema),
  deductRedeemedPerks: z.boolean(),
  timezone: z.string().refine(isValidTimeZone, { error: 'Unknown IANA timezone' }),
  agentApprovalLimitFen: fenSchema,
  reviewSlaBusinessDays: z.number().int().nonnegative().max(MAX_DAYS),
  /** a quote older than this is stale: approval refuses it and asks for a recompute */
  quoteValidHours: z
    .number()
    .int()
    .positive()
    .max(24 * 365)
    .default(72),
});

export const refundOrderSchema = z
  .object({
    paidFen: fenSchema,
    refundedFen: fenSchema,
    status: orderStatusSchema,
    paidAt: isoInstantSchema.nullable(),
    tier: tierSchema,
    durationDays: z.number().int().positive().max(MAX_DAYS),
    anomaly: anomalySchema.nullable(),
  })
  .refine((o) => o.refundedFen <= o.paidFen, {
    error: 'The amount refunded cannot exceed the amount paid',
    path: ['refundedFen'],
  });

export const usageEventSchema = z.object({
  at: isoInstantSchema,
  kind: usageKindSchema,
  // A perk's value, or the amount a discount saved; absent for logins and playbacks.
  valueFen: fenSchema.optional(),
});

export const refundInputSchema = z.object({
  order: refundOrderSchema,
  activatedAt: isoInstantSchema.nullable(),
  usage: z.array(usageEventSchema),
  basis: basisSchema,
  policy: refundPolicySchema,
  asOf: isoInstantSchema,
  /** when the member applied; the full-refund window is measured to it (defaults to asOf) */
  appliedAt: isoInstantSchema.optional(),
});

export const outcomeSchema = z.enum(['full', 'prorated', 'none']);
export const reasonCodeSchema = z.enum([
  'not_paid',
  'already_refunded',
  'order_anomaly',
  'duplicate_charge',
  'non_refundable_plan',
  'full_unused',
  'outside_window',
  'fully_used',
  'prorated_used',
  'goodwill', // a supervisor's quote outside the rules (never the engine's answer)
]);

// Stable codes, so two quotes' breakdowns line up row by row (quote-diff).
export const lineCodeSchema = z.enum([
  'paid', // + the amount paid
  'used_days', // − the used share of the plan
  'perk_deduction', // − redeemed perks, when the policy deducts them
  'already_refunded', // − what earlier refunds paid back
  'floor_at_zero', // + what keeps the total from going below zero
  'no_refund', // 0: the single line of a `none` outcome, saying why
]);

export const quoteLineSchema = z.object({
  code: lineCodeSchema,
  labelZh: z.string(),
  labelEn: z.string(),
  amountFen: z.number().int(), // signed: deductions are negative
});

export const quoteSchema = z.object({
  outcome: outcomeSchema,
  reasonCode: reasonCodeSchema,
  amountFen: fenSchema,
  usedDays: z.number().int().nonnegative(),
  totalDays: z.number().int().positive(),
  remainingDays: z.number().int().nonnegative(),
  exception: z.boolean(),
  needsSupervisor: z.boolean(),
  basis: basisSchema,
  policyVersion: z.number().int().positive(),
  asOf: isoInstantSchema,
  usageStartAt: isoInstantSchema.nullable(),
  perkDeductionFen: fenSchema,
  lines: z.array(quoteLineSchema),
});

export type Tier = z.infer<typeof tierSchema>;
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export type Anomaly = z.infer<typeof anomalySchema>;
export type UsageKind = z.infer<typeof usageKindSchema>;
export type Basis = z.infer<typeof basisSchema>;
export type RefundPolicy = z.infer<typeof refundPolicySchema>;
export type RefundOrder = z.infer<typeof refundOrderSchema>;
export type UsageEvent = z.infer<typeof usageEventSchema>;
export type RefundInput = z.input<typeof refundInputSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
export type ReasonCode = z.infer<typeof reasonCodeSchema>;
export type LineCode = z.infer<typeof lineCodeSchema>;
export type QuoteLine = z.infer<typeof quoteLineSchema>;
export type Quote = z.infer<typeof quoteSchema>;
