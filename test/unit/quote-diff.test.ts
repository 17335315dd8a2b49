import { describe, it, expect } from 'vitest';
import { computeRefund, diffQuotes } from '../../shared/refund';
import { refundInput } from './refund-input-factory';

const facts = {
  activatedAt: '2026-11-01T10:00:00+08:00',
  usage: [
    { at: '2026-11-01T10:05:00+08:00', kind: 'login' as const },
    { at: '2026-11-04T20:00:00+08:00', kind: 'playback' as const },
    { at: '2026-11-07T20:00:00+08:00', kind: 'playback' as const },
  ],
  asOf: '2026-11-10T15:00:00+08:00',
};

describe('diffQuotes', () => {
  it('lines up a calendar quote and an evidence quote row by row with the difference', () => {
    const calendar = computeRefund(refundInput(facts)); // 10 days used → 1666
    const evidence = computeRefund(refundInput({ ...facts, basis: { kind: 'evidence' } })); // 3 days → 2250
    const diff = diffQuotes(calendar, evidence);

    expect(diff.rows.map(({ code, aFen, bFen, deltaFen }) => ({ code, aFen, bFen, deltaFen }))).toEqual([
      { code: 'paid', aFen: 2500, bFen: 2500, deltaFen: 0 },
      { code: 'used_days', aFen: -834, bFen: -250, deltaFen: 584 },
    ]);
    expect(diff.rows[1]).toMatchObject({ labelZh: '已使用天数扣减', labelEn: 'Used days' });
    expect(diff.rows[1]?.aLine?.labelZh).toContain('10/30');
    expect(diff.rows[1]?.bLine?.labelZh).toContain('3/30');
    expect(diff.summary).toEqual({
      amountDeltaFen: 584,
      usedDaysDelta: -7,
      outcomeChanged: false,
      basisA: { kind: 'calendar' },
      basisB: { kind: 'evidence' },
    });
  });

  it('shows lines present on one side only as null on the other', () => {
    const prorated = computeRefund(refundInput(facts));
    const none = computeRefund(refundInput({ ...facts, basis: { kind: 'manual', usedDays: 30, reason: 'watched every day' } }));
    const diff = diffQuotes(prorated, none);
    expect(diff.rows.map(({ code, aFen, bFen, deltaFen }) => ({ code, aFen, bFen, deltaFen }))).toEqual([
      { code: 'paid', aFen: 2500, bFen: null, deltaFen: -2500 },
      { code: 'used_days', aFen: -834, bFen: null, deltaFen: 834 },
      { code: 'no_refund', aFen: null, bFen: 0, deltaFen: 0 },
    ]);
    expect(diff.summary).toMatchObject({ amountDeltaFen: -1666, usedDaysDelta: 20, outcomeChanged: true });
  });

  it('has row deltas that add up to the amount delta', () => {
    const base = refundInput({ ...facts, order: { status: 'partially_refunded', refundedFen: 400 } });
    const a = computeRefund(base);
    const b = computeRefund({ ...base, basis: { kind: 'manual', usedDays: 2, reason: 'app crashed from 11-03' } });
    const diff = diffQuotes(a, b);
    expect(diff.rows.reduce((sum, r) => sum + r.deltaFen, 0)).toBe(diff.summary.amountDeltaFen);
    expect(diff.rows.find((r) => r.code === 'already_refunded')).toMatchObject({ aFen: -400, bFen: -400, deltaFen: 0 });
  });

  it('reports no difference between a quote and itself', () => {
    const q = computeRefund(refundInput(facts));
    const diff = diffQuotes(q, q);
    expect(diff.rows.every((r) => r.deltaFen === 0)).toBe(true);
    expect(diff.summary).toMatchObject({ amountDeltaFen: 0, usedDaysDelta: 0, outcomeChanged: false });
  });
});
