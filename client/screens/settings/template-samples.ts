import type { TemplateLocale } from './settings-api-types';

// The variables a case fills when an agent replies from a template (see
// client/screens/case-detail/template-vars.ts, which fills them from the case), with sample
// values for the editor's preview, in the template's own language.
export const TEMPLATE_VARIABLES = ['nickname', 'orderNo', 'amount', 'usedDays', 'remainingDays', 'reason', 'slaDate'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export function isKnownVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

export const SAMPLE_VALUES: Record<TemplateLocale, Record<TemplateVariable, string | number>> = {
  'zh-CN': {
    nickname: '林小雨',
    orderNo: 'KM202611230000123',
    amount: '¥16.66',
    usedDays: 10,
    remainingDays: 20,
    reason: '该订单已超过购买后 7 天的无理由退款期限。',
    slaDate: '2026-11-27',
  },
  en: {
    nickname: 'Lin Xiaoyu',
    orderNo: 'KM202611230000123',
    amount: '¥16.66',
    usedDays: 10,
    remainingDays: 20,
    reason: 'The order is past the 7-day refund window.',
    slaDate: '2026-11-27',
  },
};

/** Code: lower-case letters, digits and _, starting with a letter (as the server requires). */
export const TEMPLATE_CODE = /^[a-z][a-z0-9_]{1,59}$/;
export const TITLE_MAX = 120;
export const BODY_MAX = 2000;
