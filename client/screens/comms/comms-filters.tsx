import { Button, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FilterSelect } from '../../components/filter-select';
import { CommitInput } from '../../components/commit-input';
import { OrderDateRange } from '../../components/order-date-range';
import { useTRPC } from '../../trpc';
import { COMM_CHANNELS, COMM_DIRECTIONS, COMMS_FILTER_KEYS, type CommsSearchParams } from './comms-search-params';

type FilterPatch = Partial<Omit<CommsSearchParams, 'q'>>;

interface Props {
  params: CommsSearchParams;
  onChange: (patch: FilterPatch) => void;
  onClear: () => void;
}

/** Channel, direction, dates, author, case and member: each change lands in the URL. */
export function CommsFilters({ params, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const authors = useQuery(trpc.comms.authors.queryOptions(undefined, { staleTime: 10 * 60_000 }));
  const authorOptions = (authors.data ?? []).map((a) => ({
    value: a.username,
    label: a.displayName === a.username ? a.username : `${a.displayName} (${a.username})`,
  }));
  if (params.author && !authorOptions.some((o) => o.value === params.author))
    authorOptions.push({ value: params.author, label: params.author });
  const filtered = COMMS_FILTER_KEYS.some((k) => params[k] !== undefined);
  const reversed = Boolean(params.from && params.to && params.from > params.to);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="comms-filters">
      <FilterSelect
        w={130}
        label={t('comms.filters.channel')}
        placeholder={t('comms.filters.anyChannel')}
        data={COMM_CHANNELS.map((value) => ({ value, label: t(`caseDetail.comms.channel.${value}`) }))}
        value={params.channel}
        onChange={(v) => onChange({ channel: v as CommsSearchParams['channel'] })}
        testId="filter-channel"
      />
      <FilterSelect
        w={130}
        label={t('comms.filters.direction')}
        placeholder={t('comms.filters.anyDirection')}
        data={COMM_DIRECTIONS.map((value) => ({ value, label: t(`caseDetail.comms.direction.${value}`) }))}
        value={params.direction}
        onChange={(v) => onChange({ direction: v as CommsSearchParams['direction'] })}
        testId="filter-direction"
      />
      <OrderDateRange
        label={t('comms.filters.dates')}
        from={params.from}
        to={params.to}
        onChange={(from, to) => onChange({ from, to })}
        testId="filter-dates"
      />
      <FilterSelect
        w={170}
        label={t('comms.filters.author')}
        placeholder={t('comms.filters.anyAuthor')}
        data={authorOptions}
        searchable
        nothingFoundMessage="—"
        value={params.author}
        onChange={(v) => onChange({ author: v })}
        testId="filter-author"
      />
      <CommitInput
        key={`case:${params.case ?? ''}`}
        w={160}
        label={t('comms.filters.case')}
        placeholder={t('comms.filters.casePlaceholder')}
        value={params.case}
        onCommit={(value) => onChange({ case: value })}
        data-testid="filter-case"
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
      />
      <CommitInput
        key={`member:${params.member ?? ''}`}
        w={130}
        label={t('comms.filters.member')}
        placeholder={t('comms.filters.memberPlaceholder')}
        value={params.member}
        onCommit={(value) => onChange({ member: value })}
        data-testid="filter-member"
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
      />
      {filtered && (
        <Button size="xs" variant="subtle" onClick={onClear} data-testid="filters-clear">
          {t('comms.filters.clear')}
        </Button>
      )}
      {reversed && (
        <Text size="xs" c="red" w="100%" data-testid="filter-problems">
          {t('comms.filters.datesReversed')}
        </Text>
      )}
    </Group>
  );
}
