import { Button, Group, Paper, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditLabels } from '../../components/audit-labels';
import { IconInbox } from '../../components/icons';
import { StatusPage } from '../../components/status-page';
import { useTRPC } from '../../trpc';
import { guessEntityType, HISTORY_ENTITY_TYPES } from './audit-search';
import type { HistoryEntityType } from './audit-types';
import { EntityHistory } from './entity-history';

interface Props {
  entityType?: HistoryEntityType;
  entityId?: string;
  onOpen: (entityType: HistoryEntityType, entityId: string) => void;
}

/** Enter a case or order number (or arrive with one in the URL) and read its whole history. */
export function AuditHistory({ entityType, entityId, onOpen }: Props) {
  const { t, vocab } = useAuditLabels();
  const [type, setType] = useState<HistoryEntityType>(entityType ?? 'case');
  const [draft, setDraft] = useState(entityId ?? '');
  const [seen, setSeen] = useState(`${entityType}:${entityId}`);
  if (seen !== `${entityType}:${entityId}`) {
    setSeen(`${entityType}:${entityId}`);
    if (entityType) setType(entityType);
    setDraft(entityId ?? '');
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const id = draft.trim();
    if (!id) return;
    const guessed = guessEntityType(id);
    const normalized = guessed ? id.toUpperCase() : id;
    onOpen(guessed ?? type, normalized);
  }

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <form onSubmit={submit}>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              size="sm"
              w={130}
              label={t('audit.history.type')}
              data={HISTORY_ENTITY_TYPES.map((v) => ({ value: v, label: vocab.entityLabel(v) }))}
              value={type}
              onChange={(v) => v && setType(v as HistoryEntityType)}
              allowDeselect={false}
              data-testid="audit-history-type"
            />
            <TextInput
              size="sm"
              w={300}
              label={t('audit.history.number')}
              placeholder={t('audit.history.placeholder')}
              value={draft}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft(value);
                const guessed = guessEntityType(value);
                if (guessed) setType(guessed);
              }}
              data-testid="audit-history-input"
            />
            <Button type="submit" size="sm" disabled={!draft.trim()} data-testid="audit-history-submit">
              {t('audit.history.show')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed" mt={6}>
            {t('audit.history.hint')}
          </Text>
        </form>
      </Paper>
      {entityType && entityId ? (
        <EntityHistory key={`${entityType}:${entityId}`} entityType={entityType} entityId={entityId} onOpen={onOpen} />
      ) : (
        <RecentCases onOpen={onOpen} />
      )}
    </Stack>
  );
}

/** Before a number is entered: the cases that moved last, one click from their history. */
function RecentCases({ onOpen }: { onOpen: Props['onOpen'] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const recent = useQuery(trpc.cases.list.queryOptions({ limit: 12 }));
  return (
    <StatusPage
      icon={<IconInbox size={24} />}
      title={t('audit.history.emptyTitle')}
      description={t('audit.history.emptyBody')}
      maw={640}
      py={40}
      testId="audit-history-empty"
    >
      {recent.isPending ? (
        <Group justify="center" gap={6} mt="sm" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} h={26} w={140} radius="xl" />
          ))}
        </Group>
      ) : (recent.data?.items.length ?? 0) > 0 ? (
        <Stack gap={6} mt="sm" align="center">
          <Text size="xs" c="dimmed">
            {t('audit.history.recent')}
          </Text>
          <Group justify="center" gap={6}>
            {recent.data?.items.map((c) => (
              <Button
                key={c.caseNo}
                size="compact-xs"
                variant="default"
                radius="xl"
                ff="monospace"
                fw={500}
                onClick={() => onOpen('case', c.caseNo)}
                data-testid="audit-history-recent"
              >
                {c.caseNo}
              </Button>
            ))}
          </Group>
        </Stack>
      ) : null}
    </StatusPage>
  );
}
