import { Button, Group, Pill, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FilterPill } from './filter-pills';

interface Props {
  total: number | null | undefined;
  pills: FilterPill[];
  onRemove: (pill: FilterPill) => void;
  onClear: () => void;
}

/** How many cases the queue holds, and what narrows it: each filter removable, or all at once. */
export function FilterSummary({ total, pills, onRemove, onClear }: Props) {
  const { t } = useTranslation();
  const filtered = pills.length > 0;
  return (
    <Group
      gap={6}
      px="md"
      py={6}
      wrap="wrap"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      data-testid="case-filter-summary"
    >
      <Text size="sm" fw={600} data-testid="case-total" data-total={total ?? ''}>
        {total === null || total === undefined
          ? '…'
          : total === 1
            ? filtered
              ? t('cases.queue.filters.totalFilteredOne')
              : t('cases.queue.filters.totalOne')
            : t(filtered ? 'cases.queue.filters.totalFiltered' : 'cases.queue.filters.total', { count: total })}
      </Text>
      {filtered && (
        <>
          <Text size="xs" c="dimmed">
            {t('cases.queue.filters.filteredBy')}
          </Text>
          {pills.map((pill) => (
            <Pill
              key={pill.id}
              size="sm"
              withRemoveButton
              onRemove={() => onRemove(pill)}
              removeButtonProps={{ 'aria-label': t('cases.queue.filters.remove', { what: pill.label }) }}
              data-testid="case-filter-pill"
              data-filter={pill.id}
            >
              {pill.label}
            </Pill>
          ))}
          <Button size="compact-xs" variant="subtle" color="gray" onClick={onClear} data-testid="clear-filters">
            {t('cases.queue.filters.clear')}
          </Button>
        </>
      )}
    </Group>
  );
}
