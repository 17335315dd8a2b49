// The policy every quote is computed under. Admins publish new versions (with a higher
// `version`); a quote records the version it used, so old quotes stay explainable.
import type { RefundPolicy } from './schema';

export type { RefundPolicy } from './schema';

/** docs/spec.md §3 defaults. */
export const DEFAULT_POLICY: RefundPolicy = {
  version: 1,
  fullRefundWindowDays: 7,
  refundableTiers: ['standard'],
  deductRedeemedPerks: false,
  timezone: 'Asia/Shanghai',
  agentApprovalLimitFen: 10000,
  reviewSlaBusinessDays: 3,
  quoteValidHours: 72,
};
