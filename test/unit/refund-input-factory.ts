// Builds engine inputs with a default for every field, so each test states only the facts it
// is about. Defaults: a ¥25.00 standard 30-day order paid 2026-11-01 09:00 Shanghai time, never
// activated, quoted an hour later on the calendar basis under the default policy.
import { DEFAULT_POLICY, type RefundInput, type RefundOrder } from '../../shared/refund';

type InputOverrides = Partial<Omit<RefundInput, 'order'>> & { order?: Partial<RefundOrder> };

export function refundInput(overrides: InputOverrides = {}): RefundInput {
  const { order, ...rest } = overrides;
  return {
    order: {
      paidFen: 2500,
      refundedFen: 0,
      status: 'paid',
      paidAt: '2026-11-01T09:00:00+08:00',
      tier: 'standard',
      durationDays: 30,
      anomaly: null,
      ...order,
    },
    activatedAt: null,
    usage: [],
    basis: { kind: 'calendar' },
    policy: DEFAULT_POLICY,
    asOf: '2026-11-01T10:00:00+08:00',
    ...rest,
  };
}

/** Sum of a quote's breakdown, which must equal its amount. */
export function linesTotal(quote: { lines: { amountFen: number }[] }): number {
  return quote.lines.reduce((sum, l) => sum + l.amountFen, 0);
}
