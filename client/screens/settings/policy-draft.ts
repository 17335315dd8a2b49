import { isValidTimeZone } from '../../../shared/time/local-date';
import type { Tier } from '../../../shared/refund';
import { POLICY_FIELDS, type PolicyField } from './policy-fields';
import type { PolicySettings } from './settings-api-types';
import { fenToYuanText, parseYuanToFen } from './yuan';

// The admin's draft of the next version, as the form holds it (numbers as typed, money in
// yuan text), and its reading back into settings the API accepts.

export interface PolicyDraft {
  fullRefundWindowDays: string | number;
  refundableTiers: Tier[];
  deductRedeemedPerks: boolean;
  agentApprovalLimitYuan: string;
  reviewSlaBusinessDays: string | number;
  quoteValidHours: string | number;
  timezone: string;
}

// Tighter than the API's bounds on purpose: no membership lasts over a year, and an SLA
// beyond a working month is a typo, not a policy.
export const LIMITS = {
  fullRefundWindowDays: { min: 0, max: 365 },
  reviewSlaBusinessDays: { min: 1, max: 30 },
  quoteValidHours: { min: 1, max: 720 },
} as const;

export type DraftError = 'wholeDays' | 'wholeHours' | 'money' | 'timezone';

export function draftFrom(settings: PolicySettings): PolicyDraft {
  return {
    fullRefundWindowDays: settings.fullRefundWindowDays,
    refundableTiers: [...settings.refundableTiers],
    deductRedeemedPerks: settings.deductRedeemedPerks,
    agentApprovalLimitYuan: fenToYuanText(settings.agentApprovalLimitFen),
    reviewSlaBusinessDays: settings.reviewSlaBusinessDays,
    quoteValidHours: settings.quoteValidHours ?? 72,
    timezone: settings.timezone,
  };
}

function wholeNumber(value: string | number, { min, max }: { min: number; max: number }): number | null {
  const text = String(value).trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

export interface ReadDraft {
  /** every field that reads as a valid value */
  values: Partial<PolicySettings>;
  errors: Partial<Record<PolicyField, DraftError>>;
  /** the whole settings object, when every field is valid */
  settings: PolicySettings | null;
}

export function readDraft(draft: PolicyDraft): ReadDraft {
  const values: Partial<PolicySettings> = {
    refundableTiers: draft.refundableTiers,
    deductRedeemedPerks: draft.deductRedeemedPerks,
  };
  const errors: ReadDraft['errors'] = {};

  const windowDays = wholeNumber(draft.fullRefundWindowDays, LIMITS.fullRefundWindowDays);
  if (windowDays === null) errors.fullRefundWindowDays = 'wholeDays';
  else values.fullRefundWindowDays = windowDays;

  const slaDays = wholeNumber(draft.reviewSlaBusinessDays, LIMITS.reviewSlaBusinessDays);
  if (slaDays === null) errors.reviewSlaBusinessDays = 'wholeDays';
  else values.reviewSlaBusinessDays = slaDays;

  const validHours = wholeNumber(draft.quoteValidHours, LIMITS.quoteValidHours);
  if (validHours === null) errors.quoteValidHours = 'wholeHours';
  else values.quoteValidHours = validHours;

  const limitFen = parseYuanToFen(draft.agentApprovalLimitYuan);
  if (limitFen === null) errors.agentApprovalLimitFen = 'money';
  else values.agentApprovalLimitFen = limitFen;

  if (!isValidTimeZone(draft.timezone)) errors.timezone = 'timezone';
  else values.timezone = draft.timezone;

  const complete = POLICY_FIELDS.every((f) => values[f] !== undefined);
  return { values, errors, settings: complete ? (values as PolicySettings) : null };
}
