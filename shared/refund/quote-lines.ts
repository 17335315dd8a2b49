// The breakdown lines of a quote, worded so an agent can read them to the member as they are,
// in Chinese and English, with the days and counts written in. A line's own amount is not in its
// label: it stands beside it (amountFen), and was shown twice when it was (issue 18).
import { formatFen } from './format';
import type { Anomaly, Basis, QuoteLine, Tier } from './schema';

const TIER_ZH: Record<Tier, string> = { standard: '普通卡盟会员', promo: '活动会员', cobrand: '联名会员' };
const TIER_EN: Record<Tier, string> = {
  standard: 'Standard',
  promo: 'Promotional (event)',
  cobrand: 'Co-branded',
};
const ANOMALY_ZH: Record<Anomaly, string> = {
  duplicate_charge: '重复扣款',
  chargeback: '拒付（chargeback）',
  risk_hold: '风控冻结',
};
const ANOMALY_EN: Record<Anomaly, string> = {
  duplicate_charge: 'a duplicate charge',
  chargeback: 'a chargeback',
  risk_hold: 'a risk hold',
};
const BASIS_ZH: Record<Basis['kind'], string> = {
  calendar: '按自然日计算',
  evidence: '按有使用记录的天数',
  manual: '人工核定',
};
const BASIS_EN: Record<Basis['kind'], string> = {
  calendar: 'calendar days',
  evidence: 'days with recorded usage',
  manual: 'set by an agent',
};

/** The amount paid; for a full refund the label says why all of it comes back. */
export function paidLine(paidFen: number, why: 'prorated' | 'full_unused' | 'duplicate_charge', windowDays: number): QuoteLine {
  if (why === 'duplicate_charge') {
    return {
      code: 'paid',
      labelZh: '重复扣款，全额退还已付金额',
      labelEn: 'Duplicate charge: the amount paid is refunded in full',
      amountFen: paidFen,
    };
  }
  if (why === 'full_unused') {
    return {
      code: 'paid',
      labelZh: `已付金额（未使用，付款后 ${windowDays} 天内全额退款）`,
      labelEn: `Amount paid (unused and within ${windowDays} days of payment: full refund)`,
      amountFen: paidFen,
    };
  }
  return { code: 'paid', labelZh: '已付金额', labelEn: 'Amount paid', amountFen: paidFen };
}

export function usedDaysLine(usedDays: number, totalDays: number, basis: Basis, deductionFen: number): QuoteLine {
  return {
    code: 'used_days',
    labelZh: `已使用 ${usedDays}/${totalDays} 天（${BASIS_ZH[basis.kind]}），扣减`,
    labelEn: `${usedDays} of ${totalDays} days used (${BASIS_EN[basis.kind]}), deducted`,
    amountFen: -deductionFen,
  };
}

export function perkLine(count: number, valueFen: number): QuoteLine {
  return {
    code: 'perk_deduction',
    labelZh: `已兑换卡盟专属道具 ${count} 件，扣减`,
    labelEn: `${count} member perk${count === 1 ? '' : 's'} redeemed, deducted`,
    amountFen: -valueFen,
  };
}

export function alreadyRefundedLine(refundedFen: number): QuoteLine {
  return {
    code: 'already_refunded',
    labelZh: '此前已退款，扣减',
    labelEn: 'Already refunded earlier, deducted',
    amountFen: -refundedFen,
  };
}

/** Deductions can exceed what is left; this line brings the total back to exactly zero. */
export function floorAtZeroLine(adjustFen: number): QuoteLine {
  return {
    code: 'floor_at_zero',
    labelZh: '扣减超过可退金额，调整为不退款',
    labelEn: 'Deductions exceed what is left: adjusted to no refund',
    amountFen: adjustFen,
  };
}

export type NoRefundReason =
  | { code: 'not_paid' }
  | { code: 'already_refunded'; refundedFen: number }
  | { code: 'order_anomaly'; anomaly: Anomaly }
  | { code: 'non_refundable_plan'; tier: Tier }
  | { code: 'outside_window'; windowDays: number }
  | { code: 'fully_used'; usedDays: number; totalDays: number; basis: Basis };

/** The single zero line of a `none` outcome, saying why nothing is refunded. */
export function noRefundLine(reason: NoRefundReason): QuoteLine {
  const [labelZh, labelEn] = noRefundLabels(reason);
  // no "(refund ¥0.00)" in the words: they go into the member's rejection message as its reason
  return { code: 'no_refund', labelZh, labelEn, amountFen: 0 };
}

function noRefundLabels(reason: NoRefundReason): [string, string] {
  switch (reason.code) {
    case 'not_paid':
      return ['订单未支付成功，没有可退的金额', 'The order was never paid, so there is nothing to refund'];
    case 'already_refunded':
      // a zero-price order (nothing paid, nothing refunded) is not "refunded in full"
      if (reason.refundedFen === 0) return ['订单实付金额为零，无需退款', 'Nothing was paid for this order: nothing to refund'];
      return [
        `订单已全额退款（已退 ${formatFen(reason.refundedFen)}），没有剩余可退的金额`,
        `The order was already refunded in full (${formatFen(reason.refundedFen)}), nothing is left`,
      ];
    case 'order_anomaly':
      return [
        `订单存在${ANOMALY_ZH[reason.anomaly]}，需主管调查，暂不退款`,
        `The order has ${ANOMALY_EN[reason.anomaly]}: a supervisor investigates, no refund for now`,
      ];
    case 'non_refundable_plan':
      return [`${TIER_ZH[reason.tier]}不支持退款`, `${TIER_EN[reason.tier]} memberships are not refundable`];
    case 'outside_window':
      return [
        `会员未使用，但付款已超过 ${reason.windowDays} 天，超出全额退款期限`,
        `Unused, but paid more than ${reason.windowDays} days ago: outside the full-refund window`,
      ];
    case 'fully_used':
      return [
        `已使用 ${reason.usedDays}/${reason.totalDays} 天（${BASIS_ZH[reason.basis.kind]}），没有剩余天数可退`,
        `${reason.usedDays} of ${reason.totalDays} days used (${BASIS_EN[reason.basis.kind]}): no days left to refund`,
      ];
  }
}

// Quotes stored before issue 18 end their no-refund line in "（退款 ¥0.00）" / " (refund ¥0.00)".
const LEGACY_ZERO_SUFFIX = /\s*(（退款 ¥0\.00）|\(refund ¥0\.00\))$/;

/** A no-refund line's words as the reason in a member's rejection message: never "¥0.00". */
export function noRefundReasonText(line: Pick<QuoteLine, 'labelZh' | 'labelEn'>, locale: 'zh-CN' | 'en'): string {
  return (locale === 'en' ? line.labelEn : line.labelZh).replace(LEGACY_ZERO_SUFFIX, '');
}
