import { Alert, Button, EmptyState, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALLOW, type Role } from '../../../shared/roles';
import { useStaff } from '../../auth/session';
import { IconLock, IconSearch } from '../../components/icons';
import { useTRPC } from '../../trpc';
import type { MessageTemplate, TemplateLocale } from './settings-api-types';
import { TemplateDeleteDialog } from './template-delete-dialog';
import { TemplateEditor, type TemplateTarget } from './template-editor';
import { TemplateGroup } from './template-group';
import { IconPlus, IconTemplate } from './settings-icons';
import { LoadError, SectionSkeleton } from './settings-states';

type CodeGroup = { code: string; versions: Partial<Record<TemplateLocale, MessageTemplate>> };

function groupByCode(rows: MessageTemplate[]): CodeGroup[] {
  const groups = new Map<string, CodeGroup>();
  for (const row of rows) {
    const group = groups.get(row.code) ?? { code: row.code, versions: {} };
    group.versions[row.locale] = row;
    groups.set(row.code, group);
  }
  return [...groups.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function matches(group: CodeGroup, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [group.code, ...Object.values(group.versions).flatMap((v) => [v.title, v.body])].some((s) => s.toLowerCase().includes(needle));
}

/** Settings → Reply templates (话术): everyone who works cases reads them; supervisors manage them. */
export function TemplatesTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const staff = useStaff();
  const canEdit = (ALLOW.supervise as readonly Role[]).includes(staff.role);
  const list = useQuery(trpc.templates.list.queryOptions());
  const [q, setQ] = useState('');
  const [target, setTarget] = useState<TemplateTarget | null>(null);
  const [deleting, setDeleting] = useState<MessageTemplate | null>(null);
  const groups = useMemo(() => groupByCode(list.data ?? []), [list.data]);
  const shown = groups.filter((g) => matches(g, q));

  return (
    <Stack gap="lg" data-testid="templates-tab">
      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <div>
            <Group gap="xs">
              <Title order={2} size="h4">
                {t('settings.templates.title')}
              </Title>
              {list.isSuccess && (
                <Text size="sm" c="dimmed">
                  {t('settings.templates.count', { count: groups.length })}
                </Text>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {t('settings.templates.hint', { example: '{{nickname}}' })}
            </Text>
          </div>
          <Group gap="sm">
            <TextInput
              placeholder={t('settings.templates.search')}
              aria-label={t('settings.templates.search')}
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              w={240}
              data-testid="templates-search"
            />
            {canEdit && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setTarget({})} data-testid="template-new">
                {t('settings.templates.new')}
              </Button>
            )}
          </Group>
        </Group>
      </Paper>

      {!canEdit && (
        <Alert color="gray" icon={<IconLock size={18} />} data-testid="templates-readonly">
          {t('settings.templates.readOnly')}
        </Alert>
      )}

      {list.isPending ? (
        <SectionSkeleton rows={5} />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} testId="templates-load-error" />
      ) : shown.length === 0 ? (
        <Paper withBorder radius="md" py={48} px="xl">
          <EmptyState
            icon={<IconTemplate size={26} />}
            variant="light"
            title={groups.length === 0 ? t('settings.templates.emptyTitle') : t('settings.templates.noMatchTitle')}
            description={
              groups.length === 0
                ? canEdit
                  ? t('settings.templates.emptyEditor')
                  : t('settings.templates.emptyReader')
                : t('settings.templates.noMatchBody', { q })
            }
            maw={520}
            mx="auto"
            data-testid="templates-empty"
          >
            {groups.length === 0 && canEdit && (
              <EmptyState.Actions>
                <Button leftSection={<IconPlus size={16} />} onClick={() => setTarget({})}>
                  {t('settings.templates.new')}
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      ) : (
        shown.map((group) => (
          <TemplateGroup
            key={group.code}
            code={group.code}
            versions={group.versions}
            onEdit={canEdit ? (tpl) => setTarget({ existing: tpl }) : undefined}
            onDelete={canEdit ? setDeleting : undefined}
            onAdd={canEdit ? (code, locale) => setTarget({ code, locale }) : undefined}
          />
        ))
      )}

      {target && <TemplateEditor target={target} all={list.data ?? []} onClose={() => setTarget(null)} />}
      {deleting && <TemplateDeleteDialog template={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}
