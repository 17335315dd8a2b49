import { useTranslation } from 'react-i18next';
import { PLAN_CATALOGUE } from '../orders/plan-catalogue';
import { fill, useCaseFilterText, type CaseFilterText } from './case-filter-text';
import type { CaseSearchParams } from './case-search-params';

/** One active filter, said in words, and what removing it clears from the URL. */
export interface FilterPill {
  id: string;
  label: string;
  clears: Partial<Record<keyof CaseSearchParams, undefined>>;
}

export function dateLabel(search: CaseSearchParams, text: CaseFilterText): string {
  const field = search.dateField ?? 'created';
  return field === 'decided' && search.decision === 'refunded' ? text.refundedOn : text.dateFieldOf[field];
}

export function rangeText(from: string | undefined, to: string | undefined, text: CaseFilterText): string {
  if (from && to) return from === to ? from : fill(text.range, { from, to });
  return from ? fill(text.fromOnly, { from }) : fill(text.toOnly, { to: to ?? '' });
}

/** The filters of the URL in the order a reader expects them, each removable on its own. */
export function useFilterPills(search: CaseSearchParams): FilterPill[] {
  const { t, i18n } = useTranslation();
  const text = useCaseFilterText();
  const en = i18n.resolvedLanguage === 'en';
  const pills: FilterPill[] = [];
  const add = (id: string, label: string, clears: FilterPill['clears']) => pills.push({ id, label, clears });

  if (search.q) add('q', fill(text.searchPill, { q: search.q }), { q: undefined });
  if (search.status) add('status', `${t('cases.queue.filters.status')}${text.colon}${t(`cases.queue.statusFilter.${search.status}`)}`, { status: undefined });
  if (search.decision) {
    const basis = search.basis ? ` · ${search.basis === 'exception' ? text.exception : t(`cases.basis.${search.basis}`)}` : '';
    add('decision', `${text.decision}${text.colon}${text.decisionOf[search.decision]}${basis}`, { decision: undefined, basis: undefined });
  }
  if (search.from || search.to) add('dates', `${dateLabel(search, text)} ${rangeText(search.from, search.to, text)}`, { from: undefined, to: undefined, dateField: undefined });
  if (search.reason) add('reason', `${text.reason}${text.colon}${t(`cases.reason.${search.reason}`)}`, { reason: undefined });
  if (search.channel) add('channel', `${text.channel}${text.colon}${t(`cases.intake.${search.channel}`)}`, { channel: undefined });
  if (search.tier) add('tier', `${text.tierGroup}${text.colon}${t(`cases.tier.${search.tier}`)}`, { tier: undefined });
  if (search.planCode) {
    const plan = PLAN_CATALOGUE.find((p) => p.code === search.planCode);
    add('plan', `${text.plan}${text.colon}${plan ? (en ? plan.nameEn : plan.nameZh) : search.planCode}`, { planCode: undefined });
  }
  if (search.decidedBy) add('decidedBy', `${text.decidedBy}${text.colon}${search.decidedBy}`, { decidedBy: undefined });
  if (search.assignee) add('assignee', search.assignee === 'unassigned' ? text.unassignedPill : fill(text.assigneePill, { who: search.assignee }), { assignee: undefined });
  if (search.slaBreached) add('slaBreached', text.breachedPill, { slaBreached: undefined });
  if (search.overdue) add('overdue', text.overduePill, { overdue: undefined });
  return pills;
}
