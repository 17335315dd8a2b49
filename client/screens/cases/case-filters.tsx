import { Autocomplete, Group, Select, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CommitInput, useCommitDraft } from '../../components/commit-input';
import { OrderDateRange } from '../../components/order-date-range';
import { useInLanguage } from '../../i18n/use-in-language';
import { PLAN_CATALOGUE } from '../orders/plan-catalogue';
import {
  BASES,
  CASE_CHANNELS,
  CASE_REASONS,
  DATE_FIELDS,
  DECISIONS,
  decisionHasBasis,
  PLAN_TIERS,
  type CaseSearchParams,
  type DateField,
} from './case-search-params';
import { dateLabel } from './filter-pills';

interface Props {
  search: CaseSearchParams;
  /** usernames seen on this page, offered as "decided by" choices */
  people: string[];
  onChange: (change: Partial<CaseSearchParams>) => void;
}

/** Who decided: a username, with those on this page offered (there is no staff list to pick from). */
function DecidedByInput({
  value,
  people,
  onCommit,
  label,
  placeholder,
}: {
  value?: string;
  people: string[];
  onCommit: (v: string | undefined) => void;
  label: string;
  placeholder: string;
}) {
  const { draft, setDraft, commit, onKeyDown } = useCommitDraft(value, onCommit);
  return (
    <Autocomplete
      size="xs"
      w={120}
      label={label}
      placeholder={placeholder}
      data={people}
      value={draft}
      onChange={setDraft}
      onOptionSubmit={commit}
      onBlur={() => commit()}
      onKeyDown={onKeyDown}
      clearable
      onClear={() => commit('')}
      comboboxProps={{ withinPortal: true }}
      data-testid="case-filter-decided-by"
    />
  );
}

/** The queue's filters beyond status and SLA: each change goes to the URL (and back works). */
export function CaseFilters({ search, people, onChange }: Props) {
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  const common = { size: 'xs' as const, clearable: true, placeholder: t('cases.queue.filters.any'), comboboxProps: { withinPortal: true } };

  // One plan box: a whole type of plan (tier) or one plan.
  const planValue = search.tier ? `tier:${search.tier}` : search.planCode ? `plan:${search.planCode}` : null;
  const plans = [
    {
      group: t('cases.queue.filters.tierGroup'),
      items: PLAN_TIERS.map((tier) => ({ value: `tier:${tier}`, label: t(`cases.tier.${tier}`) })),
    },
    {
      group: t('cases.queue.filters.planGroup'),
      items: PLAN_CATALOGUE.map((p) => ({ value: `plan:${p.code}`, label: inLanguage(p.nameZh, p.nameEn) })),
    },
  ];
  if (search.planCode && !PLAN_CATALOGUE.some((p) => p.code === search.planCode)) {
    plans.push({ group: t('cases.queue.filters.otherPlan'), items: [{ value: `plan:${search.planCode}`, label: search.planCode }] });
  }

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="case-filters">
      <CommitInput
        key={`q-${search.q ?? ''}`}
        w={170}
        label={t('cases.queue.filters.searchLabel')}
        placeholder={t('cases.queue.filters.search')}
        value={search.q}
        onCommit={(q) => onChange({ q })}
        maxLength={40}
        data-testid="case-filter-q"
      />
      <Select
        {...common}
        w={150}
        label={t('cases.queue.filters.reason')}
        data={CASE_REASONS.map((r) => ({ value: r, label: t(`cases.reason.${r}`) }))}
        value={search.reason ?? null}
        onChange={(v) => onChange({ reason: (v ?? undefined) as CaseSearchParams['reason'] })}
        data-testid="case-filter-reason"
      />
      <Select
        {...common}
        w={124}
        label={t('cases.queue.filters.channel')}
        data={CASE_CHANNELS.map((c) => ({ value: c, label: t(`cases.intake.${c}`) }))}
        value={search.channel ?? null}
        onChange={(v) => onChange({ channel: (v ?? undefined) as CaseSearchParams['channel'] })}
        data-testid="case-filter-channel"
      />
      <Select
        {...common}
        w={160}
        searchable
        label={t('cases.queue.filters.plan')}
        data={plans}
        value={planValue}
        onChange={(v) => {
          const [kind, value] = v ? [v.slice(0, v.indexOf(':')), v.slice(v.indexOf(':') + 1)] : [null, undefined];
          onChange({
            tier: kind === 'tier' ? (value as CaseSearchParams['tier']) : undefined,
            planCode: kind === 'plan' ? value : undefined,
          });
        }}
        comboboxProps={{ withinPortal: true, width: 240, position: 'bottom-start' }}
        data-testid="case-filter-plan"
      />
      <Select
        {...common}
        w={150}
        label={t('cases.queue.filters.decision')}
        data={DECISIONS.map((d) => ({ value: d, label: t(`cases.queue.filters.decisionOf.${d}`) }))}
        value={search.decision ?? null}
        onChange={(v) => {
          const decision = (v ?? undefined) as CaseSearchParams['decision'];
          onChange({ decision, basis: decisionHasBasis(decision) ? search.basis : undefined });
        }}
        data-testid="case-filter-decision"
      />
      {/* a basis belongs to a decision's quote: greyed until a decision with one is chosen, and says so */}
      <Tooltip
        label={t('cases.queue.filters.basisNeedsDecision')}
        disabled={decisionHasBasis(search.decision)}
        multiline
        w={240}
        withArrow
        events={{ hover: true, focus: true, touch: true }}
      >
        <div data-testid="case-filter-basis-wrap">
          <Select
            {...common}
            w={140}
            label={t('cases.queue.filters.basis')}
            disabled={!decisionHasBasis(search.decision)}
            placeholder={decisionHasBasis(search.decision) ? common.placeholder : t('cases.queue.filters.basisPlaceholder')}
            aria-description={decisionHasBasis(search.decision) ? undefined : t('cases.queue.filters.basisNeedsDecision')}
            data={BASES.map((b) => ({ value: b, label: b === 'exception' ? t('cases.queue.filters.exception') : t(`cases.basis.${b}`) }))}
            value={search.basis ?? null}
            onChange={(v) => onChange({ basis: (v ?? undefined) as CaseSearchParams['basis'] })}
            data-testid="case-filter-basis"
          />
        </div>
      </Tooltip>
      <DecidedByInput
        key={`by-${search.decidedBy ?? ''}`}
        label={t('cases.queue.filters.decidedBy')}
        placeholder={t('cases.queue.filters.decidedByPlaceholder')}
        value={search.decidedBy}
        people={people}
        onCommit={(decidedBy) => onChange({ decidedBy })}
      />
      <Select
        size="xs"
        w={118}
        label={t('cases.queue.filters.dateField')}
        data={DATE_FIELDS.map((f) => ({
          value: f,
          label:
            f === 'decided' && search.decision === 'refunded'
              ? t('cases.queue.filters.refundedOn')
              : t(`cases.queue.filters.dateFieldOf.${f}`),
        }))}
        value={search.dateField ?? 'created'}
        onChange={(v) => onChange({ dateField: !v || v === 'created' ? undefined : (v as Exclude<DateField, 'created'>) })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        data-testid="case-filter-date-field"
      />
      <OrderDateRange
        label={dateLabel(search, t)}
        from={search.from}
        to={search.to}
        onChange={(from, to) => onChange({ from, to })}
        w={210}
        testId="case-filter-dates"
      />
    </Group>
  );
}
