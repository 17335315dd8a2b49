import { useTranslation } from 'react-i18next';
import { defineMessages } from '../../i18n/define-messages';

// The dashboard's strings about the cases behind its figures. Kept beside the screen while
// client/i18n is being reworked; they move to messages/dashboard.ts once that settles.
const text = defineMessages({
  'zh-CN': {
    casesOf: '查看这 {{count}} 件工单',
    refundsLink: '本期到账的 {{count}} 笔退款',
    approved: '批准 {{count}}',
    rejected: '驳回 {{count}}',
    proposed: '提交审批 {{count}}',
    approvalHelp: '本期做出决定的工单中，批准的占“批准 + 驳回”的比例。同一工单多次批准或驳回只计一次；提交主管审批不计入。',
    rejectionSub: '驳回率 {{rate}}',
    opened: '本期新建 {{count}} 件',
    closed: '本期结案 {{count}} 件',
    breachesLink: '超时的 {{count}} 件工单',
    openLink: '仍在处理的 {{count}} 件',
    exceptionsLink: '这 {{count}} 件工单',
    dayHint: '点击柱形查看当天到账的退款工单',
    rowLink: '查看这 {{count}} 件工单（本期到账）',
    agentNote: '批准人：本期到账退款的批准者（含主管审批）',
  },
  en: {
    casesOf: 'See these {{count}} cases',
    refundsLink: '{{count}} refunds paid in the range',
    approved: '{{count}} approved',
    rejected: '{{count}} rejected',
    proposed: '{{count}} proposed',
    approvalHelp: 'Of the cases decided in the range, approved ones as a share of approved plus rejected. A case approved or rejected twice counts once; proposals to a supervisor are not counted.',
    rejectionSub: '{{rate}} of decided cases',
    opened: '{{count}} opened in the range',
    closed: '{{count}} closed in the range',
    breachesLink: 'The {{count}} breached cases',
    openLink: 'The {{count}} still open',
    exceptionsLink: 'These {{count}} cases',
    dayHint: 'Click a bar for the cases refunded that day',
    rowLink: 'See these {{count}} cases (paid in the range)',
    agentNote: 'Approved by: who approved the refunds paid in the range (supervisors included)',
  },
});

export type DashboardLinkText = (typeof text)['zh-CN'];

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

export function useDashboardLinkText(): DashboardLinkText {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'en' ? text.en : text['zh-CN'];
}
