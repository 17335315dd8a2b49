import { useTranslation } from 'react-i18next';
import { defineMessages } from '../../i18n/define-messages';

// The case queue's filter strings. Kept beside the screen while client/i18n is being reworked
// (lazy screen bundles); they move to messages/cases.ts as `cases.queue.filters.*` once that
// settles. The vocabulary itself (reasons, channels, statuses, bases) is cases.* in i18next.
const text = defineMessages({
  'zh-CN': {
    search: '工单号 / 订单号',
    searchLabel: '查找',
    reason: '退款原因',
    channel: '来源渠道',
    plan: '会员商品',
    tierGroup: '会员类型',
    planGroup: '会员商品',
    otherPlan: '其他',
    decision: '决定',
    decisionOf: { approved: '已批准', rejected: '已驳回', proposed: '提交主管审批', refunded: '已退款（到账）' },
    basis: '核算方式',
    exception: '政策例外（全部）',
    decidedBy: '决定人',
    decidedByPlaceholder: '用户名',
    dates: '日期',
    dateField: '日期依据',
    dateFieldOf: { created: '建单日期', decided: '决定日期', closed: '结案日期' },
    refundedOn: '退款到账日期',
    anyDate: '任意日期',
    any: '全部',
    breached: '只看 SLA 超时',
    breachedPill: 'SLA 超时（结案晚于截止或仍超时未结）',
    keptPill: 'SLA 未超时',
    overduePill: '当前超时',
    assigneePill: '处理人：{{who}}',
    unassignedPill: '未分配',
    searchPill: '编号：{{q}}',
    total: '共 {{count}} 件工单',
    totalOne: '共 1 件工单',
    totalFiltered: '符合条件的工单共 {{count}} 件',
    totalFilteredOne: '符合条件的工单共 1 件',
    filteredBy: '筛选：',
    separator: '；',
    colon: '：',
    remove: '移除筛选：{{what}}',
    clear: '清除筛选',
    emptyTitle: '没有符合条件的工单',
    emptyBody: '当前筛选：{{what}}。可以移除部分条件，或清除全部筛选。',
    range: '{{from}} 至 {{to}}',
    fromOnly: '{{from}} 起',
    toOnly: '至 {{to}}',
  },
  en: {
    search: 'Case or order no.',
    searchLabel: 'Find',
    reason: 'Reason',
    channel: 'Intake channel',
    plan: 'Plan',
    tierGroup: 'Plan type',
    planGroup: 'Plans',
    otherPlan: 'Other',
    decision: 'Decision',
    decisionOf: { approved: 'Approved', rejected: 'Rejected', proposed: 'Proposed to a supervisor', refunded: 'Refunded (paid)' },
    basis: 'Quote basis',
    exception: 'Policy exceptions (all)',
    decidedBy: 'Decided by',
    decidedByPlaceholder: 'username',
    dates: 'Dates',
    dateField: 'Date of',
    dateFieldOf: { created: 'Opened', decided: 'Decided', closed: 'Closed' },
    refundedOn: 'Refund paid',
    anyDate: 'Any date',
    any: 'Any',
    breached: 'SLA breached',
    breachedPill: 'SLA breached (closed late or still open past due)',
    keptPill: 'SLA kept',
    overduePill: 'Overdue now',
    assigneePill: 'Assignee: {{who}}',
    unassignedPill: 'Unassigned',
    searchPill: 'Number: {{q}}',
    total: '{{count}} cases',
    totalOne: '1 case',
    totalFiltered: '{{count}} cases match',
    totalFilteredOne: '1 case matches',
    filteredBy: 'Filtered by',
    separator: '; ',
    colon: ': ',
    remove: 'Remove filter: {{what}}',
    clear: 'Clear filters',
    emptyTitle: 'No cases match these filters',
    emptyBody: 'Filtered by {{what}}. Remove some of them, or clear every filter.',
    range: '{{from}} to {{to}}',
    fromOnly: 'from {{from}}',
    toOnly: 'until {{to}}',
  },
});

export type CaseFilterText = (typeof text)['zh-CN'];

/** Fills {{name}} placeholders (these strings are not i18next's). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

export function useCaseFilterText(): CaseFilterText {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'en' ? text.en : text['zh-CN'];
}
