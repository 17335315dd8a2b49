import { useTranslation } from 'react-i18next';
import { formatFen, tierSchema, type Tier } from '../../../shared/refund';
import type { PolicySettings } from './settings-api-types';

// The seven settings of a policy version (docs/spec.md §3), in the order every screen lists them.
export const POLICY_FIELDS = [
  'fullRefundWindowDays',
  'refundableTiers',
  'deductRedeemedPerks',
  'agentApprovalLimitFen',
  'reviewSlaBusinessDays',
  'quoteValidHours',
  'timezone',
] as const satisfies readonly (keyof PolicySettings)[];

export type PolicyField = (typeof POLICY_FIELDS)[number];

export const TIERS: readonly Tier[] = tierSchema.options;

/** Only the seven settings, whatever else a stored version carries (older rows hold `version` too). */
export function pickSettings(value: PolicySettings): PolicySettings {
  return {
    fullRefundWindowDays: value.fullRefundWindowDays,
    refundableTiers: TIERS.filter((tier) => value.refundableTiers.includes(tier)),
    deductRedeemedPerks: value.deductRedeemedPerks,
    agentApprovalLimitFen: value.agentApprovalLimitFen,
    reviewSlaBusinessDays: value.reviewSlaBusinessDays,
    // versions published before quotes expired carry none: the default applies to them
    quoteValidHours: value.quoteValidHours ?? 72,
    timezone: value.timezone,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().join() === [...b].sort().join();
  return a === b;
}

/** The fields whose value differs (tiers compared as a set: their order means nothing). */
export function changedFields(before: Partial<PolicySettings>, after: Partial<PolicySettings>): PolicyField[] {
  return POLICY_FIELDS.filter((f) => after[f] !== undefined && before[f] !== undefined && !sameValue(before[f], after[f]));
}

/** "UTC+8" for Asia/Shanghai, from the browser's own zone data. */
export function utcOffsetLabel(timeZone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return part ? part.value.replace(/^GMT/, 'UTC').replace(/^UTC$/, 'UTC±0') : '';
  } catch {
    return '';
  }
}

/** A setting's value as people read it, in the UI language: "7 天", "¥100.00", "Asia/Shanghai (UTC+8)". */
export function usePolicyValueText() {
  const { t } = useTranslation();
  return (field: PolicyField, settings: PolicySettings): string => {
    switch (field) {
      case 'fullRefundWindowDays':
        return t('settings.policy.value.days', { count: settings.fullRefundWindowDays });
      case 'refundableTiers':
        return settings.refundableTiers.length === 0
          ? t('settings.policy.value.noTiers')
          : TIERS.filter((tier) => settings.refundableTiers.includes(tier))
              .map((tier) => t(`orderVocab.tier.${tier}`))
              .join(t('settings.policy.value.listSeparator'));
      case 'deductRedeemedPerks':
        return settings.deductRedeemedPerks ? t('settings.policy.value.deduct') : t('settings.policy.value.noDeduct');
      case 'agentApprovalLimitFen':
        return formatFen(settings.agentApprovalLimitFen);
      case 'reviewSlaBusinessDays':
        return t('settings.policy.value.businessDays', { count: settings.reviewSlaBusinessDays });
      case 'quoteValidHours':
        return t('settings.policy.value.hours', { count: settings.quoteValidHours ?? 72 });
      case 'timezone': {
        const offset = utcOffsetLabel(settings.timezone);
        return offset ? `${settings.timezone} (${offset})` : settings.timezone;
      }
    }
  };
}
