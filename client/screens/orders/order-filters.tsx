import { Button, Group, Select, TextInput } from '@mantine/core';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OrderDateRange } from '../../components/order-date-range';
import { PLAN_CATALOGUE } from './plan-catalogue';
import {
  activeFilterCount,
  parseYuan,
  ORDER_STATUSES,
  PAYMENT_CHANNELS,
  PLAN_TIERS,
  PLATFORMS,
  type FilterKey,
  type OrderSearchParams,
} from './order-search-params';
import type { SearchProblems } from './order-search-input';
import { useInLanguage } from '../../i18n/use-in-language';

interface Props {
  params: OrderSearchParams;
  problems: SearchProblems;
  onChange: (patch: Partial<Pick<OrderSearchParams, FilterKey>>) => void;
  onClear: () => void;
}

const YUAN_TYPING_RE = /^\d{0,9}(\.\d{0,2})?$/;

/** An amount box in yuan: committed to the URL on Enter or when it loses focus, not per keystroke. */
function YuanInput({
  label,
  value,
  onCommit,
  error,
  testId,
}: {
  label: string;
  value?: number;
  onCommit: (v?: number) => void;
  error?: boolean;
  testId: string;
}) {
  const [text, setText] = useState(value !== undefined ? String(value) : '');
  const commit = () => {
    const next = parseYuan(text.trim().replace(/\.$/, ''));
    if (next === value) return;
    onCommit(next);
  };
  return (
    <TextInput
      size="xs"
      w={100}
      label={label}
      leftSection="¥"
      leftSectionWidth={24}
      inputMode="decimal"
      placeholder="0.00"
      value={text}
      error={error}
      onChange={(e) => {
        const next = e.currentTarget.value;
        if (YUAN_TYPING_RE.test(next)) setText(next);
      }}
      onBlur={commit}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key === 'Enter') commit();
      }}
      data-testid={testId}
    />
  );
}

export function OrderFilters({ params, problems, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  const active = activeFilterCount(params);

  const plans = PLAN_TIERS.map((tier) => ({
    group: t(`orderVocab.tier.${tier}`),
    items: PLAN_CATALOGUE.filter((p) => p.tier === tier).map((p) => ({ value: p.code, label: inLanguage(p.nameZh, p.nameEn) })),
  }));
  if (params.plan && !PLAN_CATALOGUE.some((p) => p.code === params.plan)) {
    plans.push({ group: t('orders.filters.otherPlan'), items: [{ value: params.plan, label: params.plan }] });
  }

  const common = { size: 'xs' as const, clearable: true, comboboxProps: { withinPortal: true }, allowDeselect: true };

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="order-filters">
      <Select
        {...common}
        w={132}
        label={t('orders.filters.status')}
        placeholder={t('orders.filters.all')}
        data={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orderVocab.status.${s}`) }))}
        value={params.status ?? null}
        onChange={(v) => onChange({ status: (v ?? undefined) as OrderSearchParams['status'] })}
        data-testid="filter-status"
      />
      <Select
        {...common}
        w={104}
        label={t('orders.filters.tier')}
        placeholder={t('orders.filters.all')}
        data={PLAN_TIERS.map((s) => ({ value: s, label: t(`orderVocab.tier.${s}`) }))}
        value={params.tier ?? null}
        onChange={(v) => onChange({ tier: (v ?? undefined) as OrderSearchParams['tier'] })}
        data-testid="filter-tier"
      />
      <Select
        {...common}
        w={168}
        searchable
        label={t('orders.filters.plan')}
        placeholder={t('orders.filters.all')}
        data={plans}
        value={params.plan ?? null}
        onChange={(v) => onChange({ plan: v ?? undefined })}
        nothingFoundMessage={t('orders.filters.noPlan')}
        comboboxProps={{ withinPortal: true, width: 240, position: 'bottom-start' }}
        data-testid="filter-plan"
      />
      <Select
        {...common}
        w={128}
        label={t('orders.filters.channel')}
        placeholder={t('orders.filters.all')}
        data={PAYMENT_CHANNELS.map((s) => ({ value: s, label: t(`orderVocab.channel.${s}`) }))}
        value={params.channel ?? null}
        onChange={(v) => onChange({ channel: (v ?? undefined) as OrderSearchParams['channel'] })}
        data-testid="filter-channel"
      />
      <Select
        {...common}
        w={112}
        label={t('orders.filters.platform')}
        placeholder={t('orders.filters.all')}
        data={PLATFORMS.map((s) => ({ value: s, label: t(`orderVocab.platform.${s}`) }))}
        value={params.platform ?? null}
        onChange={(v) => onChange({ platform: (v ?? undefined) as OrderSearchParams['platform'] })}
        data-testid="filter-platform"
      />
      <Select
        {...common}
        w={104}
        label={t('orders.filters.openCase')}
        placeholder={t('orders.filters.all')}
        data={[
          { value: 'yes', label: t('orders.filters.hasOpenCase') },
          { value: 'no', label: t('orders.filters.noOpenCase') },
        ]}
        value={params.openCase ?? null}
        onChange={(v) => onChange({ openCase: (v ?? undefined) as OrderSearchParams['openCase'] })}
        data-testid="filter-open-case"
      />
      <Select
        {...common}
        w={112}
        label={t('orders.filters.autoRenew')}
        placeholder={t('orders.filters.all')}
        data={[
          { value: 'yes', label: t('orders.filters.autoRenewYes') },
          { value: 'no', label: t('orders.filters.autoRenewNo') },
        ]}
        value={params.autoRenew ?? null}
        onChange={(v) => onChange({ autoRenew: (v ?? undefined) as OrderSearchParams['autoRenew'] })}
        data-testid="filter-auto-renew"
      />
      <OrderDateRange
        label={t('orders.filters.paidDates')}
        from={params.from}
        to={params.to}
        onChange={(from, to) => onChange({ from, to })}
        testId="filter-dates"
      />
      <Group gap={4} align="flex-end" wrap="nowrap">
        <YuanInput
          key={`min-${params.min ?? ''}`}
          label={t('orders.filters.minAmount')}
          value={params.min}
          onCommit={(min) => onChange({ min })}
          error={problems.amount !== undefined}
          testId="filter-min"
        />
        <YuanInput
          key={`max-${params.max ?? ''}`}
          label={t('orders.filters.maxAmount')}
          value={params.max}
          onCommit={(max) => onChange({ max })}
          error={problems.amount !== undefined}
          testId="filter-max"
        />
      </Group>
      {active > 0 && (
        <Button size="xs" variant="subtle" color="gray" onClick={onClear} data-testid="clear-filters">
          {t('orders.filters.clear', { count: active })}
        </Button>
      )}
    </Group>
  );
}
