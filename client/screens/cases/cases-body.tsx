import { Alert, Box, Button, EmptyState, Group, Kbd, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../components/case-api-types';
import { useCaseErrorText } from '../../components/case-error-text';
import { IconAlert, IconInbox, IconRefresh } from '../../components/icons';
import type { CaseView } from './case-search-params';
import { CasesTable } from './cases-table';

interface Props {
  query: {
    data?: { items: CaseListItem[] };
    isPending: boolean;
    isError: boolean;
    error: unknown;
    isPlaceholderData: boolean;
    refetch: () => unknown;
  };
  withAssignee: boolean;
  filtered: boolean;
  /** the active filters in words, for the empty state */
  filterText: string;
  view: CaseView;
  onClearFilters: () => void;
  onShowTeam: () => void;
}

/** The queue's body: loading, failed, empty (with a way on), or the table. */
export function CasesBody({ query, withAssignee, filtered, filterText, view, onClearFilters, onShowTeam }: Props) {
  const { t } = useTranslation();
  const errorText = useCaseErrorText();

  if (query.isPending) {
    return (
      <Stack gap={10} p="md" role="status" aria-busy="true" aria-label={t('common.loading')}>
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} h={30} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (query.isError || !query.data) {
    const text = errorText(query.error);
    return (
      <Box p="md">
        <Alert color="red" icon={<IconAlert />} title={t('cases.queue.loadFailed')} data-testid="queue-error">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{text.title}</Text>
            <Button size="xs" variant="light" color="red" leftSection={<IconRefresh size={14} />} onClick={() => void query.refetch()}>
              {t('common.retry')}
            </Button>
          </Stack>
        </Alert>
      </Box>
    );
  }
  if (query.data.items.length === 0) {
    return (
      <Box py={48} px="xl" data-testid="queue-empty">
        <EmptyState
          icon={<IconInbox size={26} />}
          variant="light"
          title={
            filtered
              ? t('cases.queue.filters.emptyTitle')
              : view === 'mine'
                ? t('cases.queue.emptyMineTitle')
                : t('cases.queue.emptyTeamTitle')
          }
          description={
            filtered
              ? t('cases.queue.filters.emptyBody', { what: filterText })
              : view === 'mine'
                ? t('cases.queue.emptyMineBody')
                : t('cases.queue.emptyTeamBody')
          }
          maw={520}
          mx="auto"
        >
          <EmptyState.Actions>
            {filtered ? (
              <Button variant="light" onClick={onClearFilters} data-testid="empty-clear-filters">
                {t('cases.queue.filters.clear')}
              </Button>
            ) : view === 'mine' ? (
              <Button variant="light" onClick={onShowTeam}>
                {t('cases.queue.showTeam')}
              </Button>
            ) : null}
          </EmptyState.Actions>
        </EmptyState>
      </Box>
    );
  }
  return (
    <Box style={{ opacity: query.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}>
      <CasesTable items={query.data.items} withAssignee={withAssignee} />
      <Group gap={6} px="md" py={6} justify="flex-end">
        <Text size="xs" c="dimmed">
          {t('cases.queue.keyboardHint')}
        </Text>
        <Kbd size="xs">J</Kbd>
        <Kbd size="xs">K</Kbd>
        <Kbd size="xs">Enter</Kbd>
      </Group>
    </Box>
  );
}
