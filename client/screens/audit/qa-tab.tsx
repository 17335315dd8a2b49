import { Alert, Badge, Button, EmptyState, Grid, Paper, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconChecklist } from '../../components/icons';
import { useTRPC } from '../../trpc';
import type { QaView } from './audit-search';
import type { QaItem } from './audit-types';
import { QaResults } from './qa-results';
import { QaReviewDialog } from './qa-review-dialog';
import { QaSettings } from './qa-settings';
import { QaTable } from './qa-table';

const LIMIT = 200;

/** Quality review: a sample of refunds agents approved alone, scored by a supervisor. */
export function QaTab({ view, onView, canScore }: { view: QaView; onView: (v: QaView) => void; canScore: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queue = useQuery(trpc.qa.queue.queryOptions({ reviewed: false, limit: LIMIT }));
  const reviewed = useQuery(trpc.qa.queue.queryOptions({ reviewed: true, limit: LIMIT }));
  const [scoring, setScoring] = useState<{ item: QaItem; verdict: 'correct' | 'incorrect' } | null>(null);
  const current = view === 'queue' ? queue : reviewed;

  return (
    <Stack gap="md">
      <Grid gap="md" align="stretch">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <QaResults />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <QaSettings canEdit={canScore} />
        </Grid.Col>
      </Grid>
      <Paper withBorder radius="md">
        <Tabs value={view} onChange={(v) => v && onView(v as QaView)}>
          <Tabs.List px="md">
            <Tabs.Tab value="queue" rightSection={<CountBadge n={queue.data?.length} color="orange" />} data-testid="qa-tab-queue">
              {t('audit.qa.tabs.queue')}
            </Tabs.Tab>
            <Tabs.Tab value="reviewed" rightSection={<CountBadge n={reviewed.data?.length} color="gray" />} data-testid="qa-tab-reviewed">
              {t('audit.qa.tabs.reviewed')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        {!canScore && (
          <Text size="xs" c="dimmed" px="md" pt="sm" data-testid="qa-read-only">
            {t('audit.qa.readOnly')}
          </Text>
        )}
        {current.isPending ? (
          <Stack gap={6} p="md" aria-busy="true">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} h={40} />
            ))}
          </Stack>
        ) : current.isError ? (
          <Alert m="md" color="red" icon={<IconAlert />} title={t('audit.qa.loadFailed')}>
            <Button size="xs" variant="light" color="red" onClick={() => void current.refetch()}>
              {t('common.retry')}
            </Button>
          </Alert>
        ) : current.data.length === 0 ? (
          <EmptyState
            py={40}
            icon={<IconChecklist size={24} />}
            variant="light"
            title={view === 'queue' ? t('audit.qa.emptyQueueTitle') : t('audit.qa.emptyReviewedTitle')}
            description={view === 'queue' ? t('audit.qa.emptyQueueBody') : t('audit.qa.emptyReviewedBody')}
            maw={520}
            mx="auto"
            data-testid={view === 'queue' ? 'qa-queue-empty' : 'qa-reviewed-empty'}
          />
        ) : (
          <QaTable
            items={current.data}
            reviewed={view === 'reviewed'}
            onScore={canScore ? (item, verdict) => setScoring({ item, verdict }) : undefined}
          />
        )}
      </Paper>
      {scoring && (
        <QaReviewDialog key={scoring.item.reviewId} item={scoring.item} initialVerdict={scoring.verdict} onClose={() => setScoring(null)} />
      )}
    </Stack>
  );
}

function CountBadge({ n, color }: { n: number | undefined; color: string }) {
  if (n === undefined) return null;
  return (
    <Badge size="xs" variant="light" color={n > 0 ? color : 'gray'} radius="sm">
      {n >= LIMIT ? `${LIMIT}+` : n}
    </Badge>
  );
}
