import { Autocomplete, Button, Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
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

/** Typed text is applied on Enter or when the field is left, so each keystroke is not a query. */
function CommitInput({ label, value, onCommit, placeholder, testId, w }: { label: string; value?: string; onCommit: (v: string | undefined) => void; placeholder: string; testId: string; w: number }) {
  const [draft, setDraft] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value ?? '');
  }
  const commit = () => {
    const next = draft.trim() || undefined;
    if (next !== value) onCommit(next);
  };
  return (
    <TextInput
      size="xs"
      w={w}
      label={label}
      placeholder={placeholder}
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      data-testid={testId}
    />
  );
}

export function AuditLogFilters({ filters, onChange, actors }: Props) {
  const { t, vocab } = useAuditLabels();
  const [actorDraft, setActorDraft] = useState(filters.actor ?? '');
  const [seenActor, setSeenActor] = useState(filters.actor);
  if (seenActor !== filters.actor) {
    setSeenActor(filters.actor);
    setActorDraft(filters.actor ?? '');
  }
  const commitActor = (value: string) => {
    const next = value.trim() || undefined;
    if (next !== filters.actor) onChange({ actor: next });
  };
  const actionOptions = [...new Set([...ACTION_CODES, ...(filters.action ? [filters.action] : [])])].map((code) => ({
    value: code,
    label: `${vocab.actionLabel(code)} · ${code}`,
  }));
  const typeOptions = [...new Set([...ENTITY_TYPES, ...(filters.type ? [filters.type] : [])])].map((code) => ({
    value: code,
    label: `${vocab.entityLabel(code)} · ${code}`,
  }));

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="audit-filters">
      <Autocomplete
        size="xs"
        w={150}
        label={t('audit.log.filters.actor')}
        placeholder={t('audit.log.filters.actorPlaceholder')}
        data={actors}
        value={actorDraft}
        onChange={setActorDraft}
        onOptionSubmit={commitActor}
        onBlur={() => commitActor(actorDraft)}
        onKeyDown={(e) => e.key === 'Enter' && commitActor(actorDraft)}
        data-testid="audit-filter-actor"
      />
      <Select
        size="xs"
        w={230}
        label={t('audit.log.filters.action')}
        placeholder={t('audit.log.filters.any')}
        data={actionOptions}
        value={filters.action ?? null}
        onChange={(v) => onChange({ action: v ?? undefined })}
        searchable
        clearable
        nothingFoundMessage={t('audit.log.filters.nothingFound')}
        data-testid="audit-filter-action"
      />
      <Select
        size="xs"
        w={170}
        label={t('audit.log.filters.entityType')}
        placeholder={t('audit.log.filters.any')}
        data={typeOptions}
        value={filters.type ?? null}
        onChange={(v) => onChange({ type: v ?? undefined })}
        searchable
        clearable
        data-testid="audit-filter-type"
      />
      <CommitInput
        w={180}
        label={t('audit.log.filters.entityId')}
        placeholder={t('audit.log.filters.entityIdPlaceholder')}
        value={filters.id}
        onCommit={(id) => onChange({ id })}
        testId="audit-filter-id"
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
