// The refund engine (docs/spec.md §3): a pure function from facts to a quote. The server calls it with
// facts from the database, the client for previews; both must get the same answer, so it uses
// nothing but its input (no clock, no host timezone).
import { instantMs } from '../time/local-date';
import { alreadyRefundedLine, floorAtZeroLine, noRefundLine, paidLine, perkLine, usedDaysLine, type NoRefundReason } from './quote-lines';
import { refundInputSchema, type Quote, type QuoteLine, type RefundInput } from './schema';
import { countUsedDays, redeemedPerks, usageStart } from './usage';

const HOUR_MS = 3_600_000;

type Decision = Pick<Quote, 'outcome' | 'reasonCode' | 'amountFen' | 'perkDeductionFen' | 'lines'>;

function none(reason: NoRefundReason): Decision {
  return { outcome: 'none', reasonCode: reason.code, amountFen: 0, perkDeductionFen: 0, lines: [noRefundLine(reason)] };
}

function full(reasonCode: 'duplicate_charge' | 'full_unused', paidFen: number, refundedFen: number, windowDays: number): Decision {
  const lines = [paidLine(paidFen, reasonCode, windowDays)];
  if (refundedFen > 0) lines.push(alreadyRefundedLine(refundedFen));
  return { outcome: 'full', reasonCode, amountFen: paidFen - refundedFen, perkDeductionFen: 0, lines };
}

/** floor(a ÷ b) for non-negative safe integers, without a floating-point division. */
function floorDiv(a: number, b: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) throw new RangeError('Refund arithmetic overflow');
  return (a - (a % b)) / b;
}

/**
 * Computes what is owed for one order. Validates the input first and throws the ZodError on bad
 * input: a wrong number must never come out of bad facts.
 */
export function computeRefund(rawInput: RefundInput): Quote {
  const input = refundInputSchema.parse(rawInput);
  const { order, activatedAt, usage, basis, policy, asOf } = input;
  const totalDays = order.durationDays;
  const startAt = usageStart(activatedAt, usage);
  // "Used" = activated, or any usage event at all. Used days are reported even when an earlier
  // rule decides (e.g. a co-branded plan), so the agent sees the usage they are explaining.
  const used = startAt !== null;
  const usedDays = used ? countUsedDays({ basis, startIso: startAt, asOfIso: asOf, usage, totalDays, timezone: policy.timezone }) : 0;
  const decision = decide(input, startAt, usedDays);
  const exception = basis.kind !== 'calendar';
  return {
    outcome: decision.outcome,
    reasonCode: decision.reasonCode,
    amountFen: decision.amountFen,
    usedDays,
    totalDays,
    remainingDays: totalDays - usedDays,
    exception,
    // The agent's limit is inclusive: exactly agentApprovalLimitFen is still theirs to approve.
    needsSupervisor: exception || decision.amountFen > policy.agentApprovalLimitFen,
    basis,
    policyVersion: policy.version,
    asOf,
    usageStartAt: startAt,
    perkDeductionFen: decision.perkDeductionFen,
    lines: decision.lines,
  };
}

/** docs/spec.md §3's rules in order of precedence: the first that applies decides. */
function decide(input: RefundInput, startAt: string | null, usedDays: number): Decision {
  const { order, basis, policy, asOf } = input;
  const { paidFen, refundedFen } = order;
  const windowDays = policy.fullRefundWindowDays;

  // 1. Not paid.
  if (order.status === 'payment_failed' || order.paidAt === null) return none({ code: 'not_paid' });
  // 2. Nothing left. An order whose status says 'refunded' counts as fully refunded even if the
  //    amounts disagree: paying out on inconsistent facts is the worse mistake.
  if (order.status === 'refunded' || paidFen - refundedFen <= 0) {
    return none({ code: 'already_refunded', refundedFen });
  }
  // 3. A supervisor investigates chargebacks and risk holds; the engine pays nothing.
  if (order.anomaly === 'chargeback' || order.anomaly === 'risk_hold') {
    return none({ code: 'order_anomaly', anomaly: order.anomaly });
  }
  // 4. A duplicate charge never used comes back whatever the tier and however long ago.
  if (order.anomaly === 'duplicate_charge' && startAt === null) {
    return full('duplicate_charge', paidFen, refundedFen, windowDays);
  }
  // 5.
  if (!policy.refundableTiers.includes(order.tier)) return none({ code: 'non_refundable_plan', tier: order.tier });
  // 6–7. Unused: the window is exact to the millisecond (7 d 0 min is inside, 7 d 1 min is not),
  //      measured to when the member applied — review time never costs them the window.
  if (startAt === null) {
    const elapsedMs = instantMs(input.appliedAt ?? asOf) - instantMs(order.paidAt);
    if (elapsedMs <= windowDays * 24 * HOUR_MS) return full('full_unused', paidFen, refundedFen, windowDays);
    return none({ code: 'outside_window', windowDays });
  }
  // 8. Used.
  const totalDays = order.durationDays;
  if (usedDays >= totalDays) return none({ code: 'fully_used', usedDays, totalDays, basis });
  return prorated(input, startAt, usedDays);
}

function prorated(input: RefundInput, startAt: string, usedDays: number): Decision {
  const { order, basis, policy, usage, asOf } = input;
  const { paidFen, refundedFen, durationDays: totalDays } = order;
  // floor(paid × remaining ÷ total) is what the unused days are worth; the used-days line is the
  // rest of the amount paid, so the two lines add up to it exactly.
  const unusedValueFen = floorDiv(paidFen * (totalDays - usedDays), totalDays);
  const perks = policy.deductRedeemedPerks ? redeemedPerks(usage, startAt, asOf) : { valueFen: 0, count: 0 };

  const lines: QuoteLine[] = [
    paidLine(paidFen, 'prorated', policy.fullRefundWindowDays),
    usedDaysLine(usedDays, totalDays, basis, paidFen - unusedValueFen),
  ];
  if (perks.valueFen > 0) lines.push(perkLine(perks.count, perks.valueFen));
  if (refundedFen > 0) lines.push(alreadyRefundedLine(refundedFen));
  const beforeFloor = unusedValueFen - perks.valueFen - refundedFen;
  if (beforeFloor < 0) lines.push(floorAtZeroLine(-beforeFloor));

  return {
    outcome: 'prorated',
    reasonCode: 'prorated_used',
    amountFen: Math.max(0, beforeFloor),
    perkDeductionFen: perks.valueFen,
    lines,
  };
}
