import { describe, it, expect } from 'vitest';
import { ZodError } from 'zod';
import { computeRefund, DEFAULT_POLICY, formatFen, quoteSchema, type RefundInput } from '../../shared/refund';
import { linesTotal, refundInput } from './refund-input-factory';

const ACTIVATED = '2026-11-01T10:00:00+08:00';
const QUOTED = '2026-11-10T15:00:00+08:00';

describe('docs/spec.md §3 worked examples', () => {
  it('prorates a 30-day plan used 10 calendar days: 20 left, 1666', () => {
    const q = computeRefund(refundInput({ activatedAt: ACTIVATED, asOf: QUOTED }));
    expect(q).toMatchObject({
      outcome: 'prorated',
      reasonCode: 'prorated_used',
      usedDays: 10,
      totalDays: 30,
      remainingDays: 20,
      amountFen: 1666,
      exception: false,
      needsSupervisor: false,
      usageStartAt: ACTIVATED,
      policyVersion: 1,
    });
    expect(q.lines.map((l) => [l.code, l.amountFen])).toEqual([
      ['paid', 2500],
      ['used_days', -834],
    ]);
    expect(linesTotal(q)).toBe(1666);
  });

  it('refunds in full an order never activated, quoted 3 days after payment', () => {
    const q = computeRefund(refundInput({ asOf: '2026-11-04T09:00:00+08:00' }));
    expect(q).toMatchObject({ outcome: 'full', reasonCode: 'full_unused', amountFen: 2500, usedDays: 0 });
    expect(linesTotal(q)).toBe(2500);
  });

  it('refunds nothing 7 days and 1 minute after payment when never activated', () => {
    const q = computeRefund(refundInput({ asOf: '2026-11-08T09:01:00+08:00' }));
    expect(q).toMatchObject({ outcome: 'none', reasonCode: 'outside_window', amountFen: 0 });
  });

  it('refunds nothing for a co-branded plan, even unused the day after payment', () => {
    const q = computeRefund(refundInput({ order: { paidFen: 6800, tier: 'cobrand' }, asOf: '2026-11-02T09:00:00+08:00' }));
    expect(q).toMatchObject({ outcome: 'none', reasonCode: 'non_refundable_plan', amountFen: 0 });
  });

  it('refunds a never-used duplicate charge in full, whatever the tier and age', () => {
    const q = computeRefund(
      refundInput({
        order: { paidFen: 1500, tier: 'promo', anomaly: 'duplicate_charge' },
        asOf: '2026-11-21T09:00:00+08:00',
      }),
    );
    expect(q).toMatchObject({ outcome: 'full', reasonCode: 'duplicate_charge', amountFen: 1500 });
  });

  it('prorates an annual plan used 100 days to 16916, above the agent limit', () => {
    const q = computeRefund(
      refundInput({
        order: { paidFen: 23300, durationDays: 365, paidAt: '2026-01-01T09:00:00+08:00' },
        activatedAt: '2026-01-01T10:00:00+08:00',
        asOf: '2026-04-10T12:00:00+08:00',
      }),
    );
    expect(q).toMatchObject({
      outcome: 'prorated',
      usedDays: 100,
      remainingDays: 265,
      amountFen: 16916,
      exception: false,
      needsSupervisor: true,
    });
    expect(linesTotal(q)).toBe(16916);
  });
});

describe('rule precedence', () => {
  it('1: a failed payment is not_paid, even when flagged as a duplicate charge', () => {
    const q = computeRefund(refundInput({ order: { status: 'payment_failed', anomaly: 'duplicate_charge' } }));
    expect(q).toMatchObject({ outcome: 'none', reasonCode: 'not_paid', amountFen: 0 });
  });

  it('1: an order without a payment time is not_paid', () => {
    expect(computeRefund(refundInput({ order: { paidAt: null } })).reasonCode).toBe('not_paid');
  });

  it('2: nothing left to refund beats an anomaly', () => {
    const q = computeRefund(refundInput({ order: { status: 'partially_refunded', refundedFen: 2500, anomaly: 'chargeback' } }));
    expect(q).toMatchObject({ outcome: 'none', reasonCode: 'already_refunded', amountFen: 0 });
    expect(q.lines[0]?.labelZh).toContain('¥25.00');
  });

  it('2: an order paid ¥0 has nothing to refund', () => {
    const q = computeRefund(refundInput({ order: { paidFen: 0 } }));
    expect(q.reasonCode).toBe('already_refunded');
    // issue 14: it says nothing was paid, never "refunded in full ¥0.00"
    expect(q.lines[0]?.labelZh).toBe('订单实付金额为零，无需退款');
    expect(q.lines[0]?.labelZh).not.toContain('¥0.00');
    expect(q.lines[0]?.labelEn).not.toContain('refunded in full');
  });

  it('2: an order whose status is refunded pays nothing even if its amounts disagree', () => {
    const q = computeRefund(refundInput({ order: { status: 'refunded', refundedFen: 1000 } }));
    expect(q).toMatchObject({ outcome: 'none', reasonCode: 'already_refunded', amountFen: 0 });
  });

  it('3: a chargeback or risk hold pays nothing, even unused inside the window', () => {
    for (const anomaly of ['chargeback', 'risk_hold'] as const) {
      const q = computeRefund(refundInput({ order: { anomaly } }));
      expect(q).toMatchObject({ outcome: 'none', reasonCode: 'order_anomaly', amountFen: 0 });
    }
  });

  it('4: a never-used duplicate charge of a co-branded plan a year later is still refunded in full', () => {
    const q = computeRefund(refundInput({ order: { tier: 'cobrand', anomaly: 'duplicate_charge' }, asOf: '2027-12-01T09:00:00+08:00' }));
    expect(q).toMatchObject({ outcome: 'full', reasonCode: 'duplicate_charge', amountFen: 2500 });
  });

  it('4: a used duplicate charge follows the normal rules', () => {
    const used = { activatedAt: ACTIVATED, asOf: QUOTED };
    const standard = computeRefund(refundInput({ ...used, order: { anomaly: 'duplicate_charge' } }));
    expect(standard).toMatchObject({ outcome: 'prorated', amountFen: 1666 });
    const cobrand = computeRefund(refundInput({ ...used, order: { anomaly: 'duplicate_charge', tier: 'cobrand' } }));
    expect(cobrand.reasonCode).toBe('non_refundable_plan');
  });

  it('5: a non-refundable tier pays nothing even when used, unless the policy lists it', () => {
    const used = { activatedAt: ACTIVATED, asOf: QUOTED, order: { tier: 'promo' as const } };
    expect(computeRefund(refundInput(used)).reasonCode).toBe('non_refundable_plan');
    const policy = { ...DEFAULT_POLICY, version: 2, refundableTiers: ['standard' as const, 'promo' as const] };
    expect(computeRefund(refundInput({ ...used, policy }))).toMatchObject({ amountFen: 1666, policyVersion: 2 });
  });

  it('8: a usage event without an activation record counts as use, starting at the earliest event', () => {
    const q = computeRefund(
      refundInput({
        usage: [
          { at: '2026-11-03T08:00:00+08:00', kind: 'playback' },
          { at: '2026-11-02T20:00:00+08:00', kind: 'login' },
        ],
        asOf: QUOTED,
      }),
    );
    expect(q).toMatchObject({ outcome: 'prorated', usageStartAt: '2026-11-02T20:00:00+08:00', usedDays: 9 });
  });

  it('refunds what is left of a partially refunded, unused order', () => {
    const q = computeRefund(refundInput({ order: { status: 'partially_refunded', refundedFen: 500 } }));
    expect(q).toMatchObject({ outcome: 'full', amountFen: 2000 });
    expect(q.lines.map((l) => [l.code, l.amountFen])).toEqual([
      ['paid', 2500],
      ['already_refunded', -500],
    ]);
  });

  it('deducts earlier refunds from a prorated amount', () => {
    const q = computeRefund(
      refundInput({ order: { status: 'partially_refunded', refundedFen: 500 }, activatedAt: ACTIVATED, asOf: QUOTED }),
    );
    expect(q.amountFen).toBe(1166);
    expect(q.lines.map((l) => l.code)).toEqual(['paid', 'used_days', 'already_refunded']);
    expect(linesTotal(q)).toBe(1166);
  });
});

describe('boundaries', () => {
  it('counts exactly 7 × 24 h after payment as inside the window, 1 min or 1 ms more as outside', () => {
    expect(computeRefund(refundInput({ asOf: '2026-11-08T09:00:00+08:00' })).outcome).toBe('full');
    expect(computeRefund(refundInput({ asOf: '2026-11-08T09:00:00.001+08:00' })).outcome).toBe('none');
    expect(computeRefund(refundInput({ asOf: '2026-11-08T01:01:00Z' })).reasonCode).toBe('outside_window');
  });

  it('counts used days by local dates: 23:59 and the next 00:00 are different days', () => {
    const lateNight = computeRefund(refundInput({ activatedAt: '2026-11-01T23:59:00+08:00', asOf: QUOTED }));
    const midnight = computeRefund(refundInput({ activatedAt: '2026-11-02T00:00:00+08:00', asOf: QUOTED }));
    expect([lateNight.usedDays, lateNight.amountFen]).toEqual([10, 1666]);
    expect([midnight.usedDays, midnight.amountFen]).toEqual([9, 1750]);
    // 16:00 UTC is already the next day in Shanghai.
    expect(computeRefund(refundInput({ activatedAt: '2026-11-01T16:00:00Z', asOf: QUOTED })).usedDays).toBe(9);
  });

  it('counts the quote date by its local date too', () => {
    const before = computeRefund(refundInput({ activatedAt: ACTIVATED, asOf: '2026-11-10T23:59:59+08:00' }));
    const after = computeRefund(refundInput({ activatedAt: ACTIVATED, asOf: '2026-11-11T00:00:00+08:00' }));
    expect([before.usedDays, after.usedDays]).toEqual([10, 11]);
  });

  it('leaves one day on the plan’s second-to-last day and nothing on its last day', () => {
    const day29 = computeRefund(refundInput({ activatedAt: ACTIVATED, asOf: '2026-11-29T20:00:00+08:00' }));
    expect(day29).toMatchObject({ outcome: 'prorated', usedDays: 29, remainingDays: 1, amountFen: 83 });
    const day30 = computeRefund(refundInput({ activatedAt: ACTIVATED, asOf: '2026-11-30T08:00:00+08:00' }));
    expect(day30).toMatchObject({ outcome: 'none', reasonCode: 'fully_used', usedDays: 30, remainingDays: 0 });
    expect(day30.lines).toHaveLength(1);
    expect(day30.lines[0]).toMatchObject({ code: 'no_refund', amountFen: 0 });
    expect(day30.lines[0]?.labelZh).toContain('30/30');
  });

  it('never counts more used days than the plan has', () => {
    const q = computeRefund(refundInput({ activatedAt: ACTIVATED, asOf: '2027-03-01T08:00:00+08:00' }));
    expect(q).toMatchObject({ usedDays: 30, remainingDays: 0, reasonCode: 'fully_used' });
  });

  it('lets an agent approve exactly ¥100.00 and sends ¥100.01 to a supervisor', () => {
    expect(computeRefund(refundInput({ order: { paidFen: 10000 } }))).toMatchObject({
      amountFen: 10000,
      needsSupervisor: false,
    });
    expect(computeRefund(refundInput({ order: { paidFen: 10001 } }))).toMatchObject({
      amountFen: 10001,
      needsSupervisor: true,
    });
    // The same limit on prorated amounts: 30000 × 10 ÷ 30 = 10000, 30003 × 10 ÷ 30 → 10001.
    const prorated = { activatedAt: ACTIVATED, asOf: '2026-11-20T12:00:00+08:00' };
    expect(computeRefund(refundInput({ ...prorated, order: { paidFen: 30000 } }))).toMatchObject({
      amountFen: 10000,
      needsSupervisor: false,
    });
    expect(computeRefund(refundInput({ ...prorated, order: { paidFen: 30003 } }))).toMatchObject({
      amountFen: 10001,
      needsSupervisor: true,
    });
  });
});

describe('evidence and manual bases', () => {
  const usage: RefundInput['usage'] = [
    { at: '2026-10-31T20:00:00+08:00', kind: 'login' }, // before the activation: not counted
    { at: '2026-11-01T10:05:00+08:00', kind: 'login' },
    { at: '2026-11-01T21:00:00+08:00', kind: 'playback' }, // same date as the previous
    { at: '2026-11-03T12:00:00+08:00', kind: 'playback' },
    { at: '2026-11-05T23:30:00+08:00', kind: 'playback' },
    { at: '2026-11-05T16:30:00Z', kind: 'playback' }, // 00:30 on 11-06 in Shanghai
    { at: '2026-11-11T09:00:00+08:00', kind: 'login' }, // after the quote: not counted
  ];

  it('counts the distinct local dates with usage between the usage start and the quote', () => {
    const q = computeRefund(refundInput({ activatedAt: ACTIVATED, usage, basis: { kind: 'evidence' }, asOf: QUOTED }));
    expect(q).toMatchObject({
      outcome: 'prorated',
      usedDays: 4,
      amountFen: 2166, // floor(2500 × 26 ÷ 30)
      exception: true,
      needsSupervisor: true,
      basis: { kind: 'evidence' },
    });
    expect(q.lines[1]).toMatchObject({ labelZh: '已使用 4/30 天（按有使用记录的天数），扣减', amountFen: -334 });
  });

  it('allows 0 evidence days: an activated order with no recorded use gets back all that is left', () => {
    const q = computeRefund(
      refundInput({
        order: { status: 'partially_refunded', refundedFen: 300 },
        activatedAt: ACTIVATED,
        basis: { kind: 'evidence' },
        asOf: QUOTED,
      }),
    );
    expect(q).toMatchObject({ outcome: 'prorated', reasonCode: 'prorated_used', usedDays: 0, remainingDays: 30, amountFen: 2200 });
  });

  it('uses the days an agent entered, echoing the trimmed justification', () => {
    const basis = { kind: 'manual' as const, usedDays: 12, reason: '  会员出示截图，11-13 起无法播放  ' };
    const q = computeRefund(refundInput({ activatedAt: ACTIVATED, basis, asOf: QUOTED }));
    expect(q).toMatchObject({
      usedDays: 12,
      amountFen: 1500,
      exception: true,
      needsSupervisor: true,
      basis: { kind: 'manual', usedDays: 12, reason: '会员出示截图，11-13 起无法播放' },
    });
  });

  it('caps manual days at the plan length', () => {
    const basis = { kind: 'manual' as const, usedDays: 45, reason: 'used all of it' };
    const q = computeRefund(refundInput({ activatedAt: ACTIVATED, basis, asOf: QUOTED }));
    expect(q).toMatchObject({ usedDays: 30, reasonCode: 'fully_used', amountFen: 0, exception: true });
  });
});

describe('redeemed perks', () => {
  const policy = { ...DEFAULT_POLICY, deductRedeemedPerks: true };
  const usage: RefundInput['usage'] = [
    { at: '2026-10-31T12:00:00+08:00', kind: 'perk_redemption', valueFen: 999 }, // before the usage start
    { at: '2026-11-02T12:00:00+08:00', kind: 'perk_redemption', valueFen: 300 },
    { at: '2026-11-03T12:00:00+08:00', kind: 'discount_use', valueFen: 700 }, // not a perk
    { at: '2026-11-04T12:00:00+08:00', kind: 'perk_redemption', valueFen: 200 },
    { at: '2026-11-12T12:00:00+08:00', kind: 'perk_redemption', valueFen: 400 }, // after the quote
  ];

  it('deducts the perks redeemed from the usage start to the quote when the policy says so', () => {
    const q = computeRefund(refundInput({ activatedAt: ACTIVATED, usage, policy, asOf: QUOTED }));
    expect(q).toMatchObject({ amountFen: 1166, perkDeductionFen: 500 });
    expect(q.lines[2]).toMatchObject({ code: 'perk_deduction', amountFen: -500 });
    expect(q.lines[2]).toMatchObject({ labelZh: '已兑换卡盟专属道具 2 件，扣减', amountFen: -500 });
    expect(linesTotal(q)).toBe(1166);
  });

  it('ignores perks under the default policy', () => {
    const q = computeRefund(refundInput({ activatedAt: ACTIVATED, usage, asOf: QUOTED }));
    expect(q).toMatchObject({ amountFen: 1666, perkDeductionFen: 0 });
  });

  it('never goes below zero, and says so in a line that keeps the breakdown exact', () => {
    const q = computeRefund(
      refundInput({
        order: { status: 'partially_refunded', refundedFen: 1000 },
        activatedAt: ACTIVATED,
        usage: [{ at: '2026-11-02T12:00:00+08:00', kind: 'perk_redemption', valueFen: 1000 }],
        policy,
        asOf: QUOTED,
      }),
    );
    expect(q).toMatchObject({ outcome: 'prorated', amountFen: 0, perkDeductionFen: 1000 });
    expect(q.lines.map((l) => [l.code, l.amountFen])).toEqual([
      ['paid', 2500],
      ['used_days', -834],
      ['perk_deduction', -1000],
      ['already_refunded', -1000],
      ['floor_at_zero', 334],
    ]);
  });
});

describe('quote shape', () => {
  it('writes the numbers into bilingual labels an agent can read out', () => {
    const q = computeRefund(refundInput({ activatedAt: ACTIVATED, asOf: QUOTED }));
    expect(q.lines[0]).toMatchObject({ labelZh: '已付金额', labelEn: 'Amount paid', amountFen: 2500 });
    expect(q.lines[1]).toMatchObject({ labelEn: '10 of 30 days used (calendar days), deducted', amountFen: -834 });
  });

  it('produces quotes that satisfy the quote schema', () => {
    const q = computeRefund(refundInput({ activatedAt: ACTIVATED, asOf: QUOTED }));
    expect(quoteSchema.parse(q)).toEqual(q);
  });

  it('formats fen as yuan', () => {
    expect([formatFen(1234), formatFen(5), formatFen(0), formatFen(-834), formatFen(2330000)]).toEqual([
      '¥12.34',
      '¥0.05',
      '¥0.00',
      '−¥8.34',
      '¥23300.00',
    ]);
    expect(() => formatFen(12.5)).toThrow(RangeError);
  });
});

describe('input validation', () => {
  const bad = (overrides: object) => () => computeRefund(refundInput(overrides as Partial<RefundInput>));

  it.each([
    ['non-integer money', { order: { paidFen: 2500.5 } }],
    ['negative money', { order: { paidFen: -1 } }],
    ['an unknown tier', { order: { tier: 'gold' } }],
    ['an impossible date', { asOf: '2026-02-30T10:00:00+08:00' }],
    ['an unparseable date', { asOf: 'yesterday' }],
    ['a date without an offset', { asOf: '2026-11-10T15:00:00' }],
    ['a plan of 0 days', { order: { durationDays: 0 } }],
    ['a manual basis without a reason', { basis: { kind: 'manual', usedDays: 3 } }],
    ['a manual basis with a blank reason', { basis: { kind: 'manual', usedDays: 3, reason: '   ' } }],
    ['an unknown timezone', { policy: { ...DEFAULT_POLICY, timezone: 'Mars/Olympus' } }],
    ['a negative perk value', { usage: [{ at: QUOTED, kind: 'perk_redemption', valueFen: -5 }] }],
  ])('rejects %s with a ZodError', (_name, overrides) => {
    expect(bad(overrides)).toThrow(ZodError);
  });

  it('rejects a refund larger than the payment, naming the field', () => {
    try {
      computeRefund(refundInput({ order: { refundedFen: 2501 } }));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ZodError);
      expect((err as ZodError).issues[0]).toMatchObject({
        path: ['order', 'refundedFen'],
        message: 'The amount refunded cannot exceed the amount paid',
      });
    }
  });
});
