import { Autocomplete, Button, Group } from '@mantine/core';
import { CommitInput, useCommitDraft } from '../../components/commit-input';
import { FilterSelect } from '../../components/filter-select';
import { OrderDateRange } from '../../components/order-date-range';
import { useAuditLabels } from '../../components/audit-labels';
import { formatDate } from '../../lib/format';
import { ACTION_CODES, ENTITY_TYPES } from './audit-codes';
import { hasLogFilters, type LogFilters } from './audit-search';

interface Props {
  filters: LogFilters;
  onChange: (change: Partial<LogFilters>) => void;
  /** usernames seen so far, offered as the actor filter's suggestions */
  actors: string[];
}

/** The known codes, and the URL's should it be none of them, each labelled "label · code". */
function codeOptions(codes: readonly string[], current: string | undefined, labelOf: (code: string) => string) {
  return [...new Set([...codes, ...(current ? [current] : [])])].map((code) => ({ value: code, label: `${labelOf(code)} · ${code}` }));
}

export function AuditLogFilters({ filters, onChange, actors }: Props) {
  const { t, vocab } = useAuditLabels();
  const actor = useCommitDraft(filters.actor, (next) => onChange({ actor: next }));
  const actionOptions = codeOptions(ACTION_CODES, filters.action, vocab.actionLabel);
  const typeOptions = codeOptions(ENTITY_TYPES, filters.type, vocab.entityLabel);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="audit-filters">
      <Autocomplete
        size="xs"
        w={150}
        label={t('audit.log.filters.actor')}
        placeholder={t('audit.log.filters.actorPlaceholder')}
        data={actors}
        value={actor.draft}
        onChange={actor.setDraft}
        onOptionSubmit={actor.commit}
        onBlur={() => actor.commit()}
        onKeyDown={actor.onKeyDown}
        data-testid="audit-filter-actor"
      />
      <FilterSelect
        w={230}
        label={t('audit.log.filters.action')}
        placeholder={t('audit.log.filters.any')}
        data={actionOptions}
        searchable
        nothingFoundMessage={t('audit.log.filters.nothingFound')}
        value={filters.action}
        onChange={(v) => onChange({ action: v })}
        testId="audit-filter-action"
      />
      <FilterSelect
        w={170}
        label={t('audit.log.filters.entityType')}
        placeholder={t('audit.log.filters.any')}
        data={typeOptions}
        searchable
        value={filters.type}
        onChange={(v) => onChange({ type: v })}
        testId="audit-filter-type"
      />
      <CommitInput
        w={180}
        label={t('audit.log.filters.entityId')}
        placeholder={t('audit.log.filters.entityIdPlaceholder')}
        value={filters.id}
        onCommit={(id) => onChange({ id })}
        data-testid="audit-filter-id"
      />
      <OrderDateRange
        label={t('audit.log.filters.time')}
        from={filters.from}
        to={filters.to}
        maxDate={formatDate(new Date())}
        onChange={(from, to) => onChange({ from, to })}
        testId="audit-filter-time"
      />
      {hasLogFilters(filters) && (
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          onClick={() => onChange({ actor: undefined, action: undefined, type: undefined, id: undefined, from: undefined, to: undefined })}
          data-testid="audit-filters-clear"
        >
          {t('audit.log.filters.clear')}
        </Button>
      )}
    </Group>
  );
}
