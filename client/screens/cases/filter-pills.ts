import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useInLanguage } from '../../i18n/use-in-language';
import { PLAN_CATALOGUE } from '../orders/plan-catalogue';
import type { CaseSearchParams } from './case-search-params';

/** One active filter, said in words, and what removing it clears from the URL. */
export interface FilterPill {
  id: string;
  label: string;
  clears: Partial<Record<keyof CaseSearchParams, undefined>>;
}

export function dateLabel(search: CaseSearchParams, t: TFunction): string {
  const field = search.dateField ?? 'created';
  return field === 'decided' && search.decision === 'refunded'
    ? t('cases.queue.filters.refundedOn')
    : t(`cases.queue.filters.dateFieldOf.${field}`);
}

export function rangeText(from: string | undefined, to: string | undefined, t: TFunction): string {
  if (from && to) return from === to ? from : t('cases.queue.filters.range', { from, to });
  return from ? t('cases.queue.filters.fromOnly', { from }) : t('cases.queue.filters.toOnly', { to: to ?? '' });
}

/** The filters of the URL in the order a reader expects them, each removable on its own. */
export function useFilterPills(search: CaseSearchParams): FilterPill[] {
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  const pills: FilterPill[] = [];
  const add = (id: string, label: string, clears: FilterPill['clears']) => pills.push({ id, label, clears });
  const labelled = (box: 'status' | 'decision' | 'reason' | 'channel' | 'tierGroup' | 'plan' | 'decidedBy', value: string) =>
    t('cases.queue.filters.labelled', { label: t(`cases.queue.filters.${box}`), value });

  if (search.q) add('q', t('cases.queue.filters.searchPill', { q: search.q }), { q: undefined });
  if (search.status) add('status', labelled('status', t(`cases.queue.statusFilter.${search.status}`)), { status: undefined });
  if (search.decision) {
    const basis = search.basis
      ? ` · ${search.basis === 'exception' ? t('cases.queue.filters.exception') : t(`cases.basis.${search.basis}`)}`
      : '';
    add('decision', labelled('decision', t(`cases.queue.filters.decisionOf.${search.decision}`)) + basis, {
      decision: undefined,
      basis: undefined,
    });
  }
  if (search.from || search.to)
    add('dates', `${dateLabel(search, t)} ${rangeText(search.from, search.to, t)}`, {
      from: undefined,
      to: undefined,
      dateField: undefined,
    });
  if (search.reason) add('reason', labelled('reason', t(`cases.reason.${search.reason}`)), { reason: undefined });
  if (search.channel) add('channel', labelled('channel', t(`cases.intake.${search.channel}`)), { channel: undefined });
  if (search.tier) add('tier', labelled('tierGroup', t(`cases.tier.${search.tier}`)), { tier: undefined });
  if (search.planCode) {
    const plan = PLAN_CATALOGUE.find((p) => p.code === search.planCode);
    add('plan', labelled('plan', plan ? inLanguage(plan.nameZh, plan.nameEn) : search.planCode), { planCode: undefined });
  }
  if (search.decidedBy) add('decidedBy', labelled('decidedBy', search.decidedBy), { decidedBy: undefined });
  if (search.assignee)
    add(
      'assignee',
      search.assignee === 'unassigned'
        ? t('cases.queue.filters.unassignedPill')
        : t('cases.queue.filters.assigneePill', { who: search.assignee }),
      { assignee: undefined },
    );
  if (search.slaBreached) add('slaBreached', t('cases.queue.filters.breachedPill'), { slaBreached: undefined });
  if (search.overdue) add('overdue', t('cases.queue.filters.overduePill'), { overdue: undefined });
  return pills;
}
