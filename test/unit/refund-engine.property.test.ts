import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeRefund, quoteSchema, type RefundInput, type Tier } from '../../shared/refund';
import { linesTotal } from './refund-input-factory';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');

// Instants are written with varied offsets: the engine must read them all the same way.
const OFFSETS = ['Z', '+08:00', '-05:00', '+05:30'];
function iso(ms: number, offset: string): string {
  if (offset === 'Z') return new Date(ms).toISOString();
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(ms + minutes * 60_000).toISOString().replace('Z', offset);
}

const policyArb = fc.record({
  version: fc.integer({ min: 1, max: 20 }),
  fullRefundWindowDays: fc.integer({ min: 0, max: 30 }),
  refundableTiers: fc.oneof(
    { arbitrary: fc.constant<Tier[]>(['standard']), weight: 3 },
    { arbitrary: fc.subarray<Tier>(['standard', 'promo', 'cobrand']), weight: 1 },
  ),
  deductRedeemedPerks: fc.boolean(),
  timezone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Asia/Kolkata'),
  agentApprovalLimitFen: fc.integer({ min: 0, max: 50_000 }),
  reviewSlaBusinessDays: fc.integer({ min: 1, max: 5 }),
});

const basisArb: fc.Arbitrary<RefundInput['basis']> = fc.oneof(
  fc.constant({ kind: 'calendar' as const }),
  fc.constant({ kind: 'evidence' as const }),
  fc.record({ kind: fc.constant('manual'), usedDays: fc.integer({ min: 0, max: 400 }), reason: fc.constant('agent judgement') }),
);

const usageSeedArb = fc.record({
  delayMs: fc.integer({ min: -2 * DAY, max: 400 * DAY }),
  kind: fc.constantFrom('login', 'perk_redemption', 'discount_use', 'playback'),
  valueFen: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }),
});

const inputArb: fc.Arbitrary<RefundInput> = fc
  .record({
    paidMs: fc.integer({ min: YEAR_START, max: YEAR_START + 365 * DAY }),
    paidFen: fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 10_000_000_000 })),
    refundedShare: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 }),
    status: fc.oneof(
      { arbitrary: fc.constant('paid' as const), weight: 6 },
      { arbitrary: fc.constantFrom('payment_failed', 'partially_refunded', 'refunded'), weight: 1 },
    ),
    hasPaidAt: fc.integer({ min: 0, max: 19 }).map((n) => n > 0), // mostly paid
    tier: fc.oneof(
      { arbitrary: fc.constant('standard' as const), weight: 4 },
      { arbitrary: fc.constantFrom('promo', 'cobrand'), weight: 1 },
    ),
    durationDays: fc.oneof(fc.constantFrom(30, 90, 365), fc.integer({ min: 1, max: 400 })),
    anomaly: fc.oneof(
      { arbitrary: fc.constant(null), weight: 6 },
      { arbitrary: fc.constantFrom('duplicate_charge', 'chargeback', 'risk_hold'), weight: 1 },
    ),
    activationDelayMs: fc.option(fc.integer({ min: 0, max: 40 * DAY }), { freq: 2 }),
    // Often empty: a never-used order exercises the window rules.
    usage: fc.oneof(fc.array(usageSeedArb, { maxLength: 0 }), fc.array(usageSeedArb, { maxLength: 25 })),
    basis: basisArb,
    policy: policyArb,
    asOfDelayMs: fc.oneof(fc.integer({ min: -DAY, max: 10 * DAY }), fc.integer({ min: 0, max: 420 * DAY })),
    offset: fc.constantFrom(...OFFSETS),
  })
  .map((r) => ({
    order: {
      paidFen: r.paidFen,
      refundedFen: Math.floor(r.paidFen * r.refundedShare),
      status: r.status,
      paidAt: r.hasPaidAt ? iso(r.paidMs, r.offset) : null,
      tier: r.tier,
      durationDays: r.durationDays,
      anomaly: r.anomaly,
    },
    activatedAt: r.activationDelayMs === null ? null : iso(r.paidMs + r.activationDelayMs, r.offset),
    usage: r.usage.map((u) => ({
      at: iso(r.paidMs + u.delayMs, r.offset),
      kind: u.kind,
      ...(u.valueFen === undefined ? {} : { valueFen: u.valueFen }),
    })),
    basis: r.basis,
    policy: r.policy,
    asOf: iso(r.paidMs + r.asOfDelayMs, r.offset),
  }));

describe('refund engine properties', () => {
  it('pays between 0 and what is left, in whole fen, with a breakdown that adds up', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const q = computeRefund(input);
        const left = input.order.paidFen - input.order.refundedFen;
        expect(Number.isSafeInteger(q.amountFen)).toBe(true);
        expect(q.amountFen).toBeGreaterThanOrEqual(0);
        expect(q.amountFen).toBeLessThanOrEqual(Math.max(0, left));
        expect(q.lines.every((l) => Number.isSafeInteger(l.amountFen))).toBe(true);
        expect(linesTotal(q)).toBe(q.amountFen);
        if (q.outcome === 'none') expect(q.amountFen).toBe(0);
        if (q.outcome === 'full') expect(q.amountFen).toBe(left);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps days and approval flags consistent, and the quote valid against its schema', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const q = computeRefund(input);
        expect(q.usedDays).toBeGreaterThanOrEqual(0);
        expect(q.usedDays).toBeLessThanOrEqual(q.totalDays);
        expect(q.remainingDays).toBe(q.totalDays - q.usedDays);
        expect(q.exception).toBe(input.basis.kind !== 'calendar');
        expect(q.needsSupervisor).toBe(q.exception || q.amountFen > input.policy.agentApprovalLimitFen);
        quoteSchema.parse(q);
      }),
      { numRuns: 300 },
    );
  });

  it('never refunds more when the agent enters more used days', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (input, x, y) => {
        const [fewer, more] = x <= y ? [x, y] : [y, x];
        const manual = (usedDays: number) =>
          computeRefund({ ...input, basis: { kind: 'manual', usedDays, reason: 'checked the logs' } }).amountFen;
        expect(manual(more)).toBeLessThanOrEqual(manual(fewer));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const copy = structuredClone(input);
        const first = computeRefund(input);
        expect(input).toEqual(copy);
        expect(computeRefund(copy)).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});
