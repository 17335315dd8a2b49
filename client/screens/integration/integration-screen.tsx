import { Alert, Button, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconPlug, IconRefresh } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { StatusPage } from '../../components/status-page';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../trpc';
import { EventsPerMinute } from './events-per-minute';
import { IntegrationFigures } from './integration-figures';
import type { IntegrationSummary } from './integration-types';
import { ParkedEvents } from './parked-events';
import { RefusedBatches } from './refused-batches';
import { ServiceHealthCards } from './service-health';

/** Refreshed this often while the page is open (and the tab visible). */
const REFRESH_MS = 15_000;

function nothingYet(s: IntegrationSummary): boolean {
  return s.last === null && s.parked.total === 0 && s.refusals.latest.length === 0;
}

/** 对接 / Integration (docs/integration.md §5): events in, waiting and refused, and the outside services. */
export function IntegrationScreen() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const summary = useQuery({ ...trpc.integration.summary.queryOptions(), refetchInterval: REFRESH_MS });
  const s = summary.data;

  return (
    <>
      <PageHeader
        title={t('integration.title')}
        description={
          <>
            {t('integration.subtitle')}
            {s && (
              <Text span size="xs" c="dimmed" display="block" data-testid="integration-updated">
                {t('integration.refreshNote', { time: formatDateTime(s.now) })}
              </Text>
            )}
          </>
        }
        actions={
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={summary.isFetching && !summary.isPending}
            onClick={() => void summary.refetch()}
          >
            {t('integration.refresh')}
          </Button>
        }
      />
      {summary.isPending ? (
        <Stack gap="md" aria-busy="true">
          <Skeleton h={96} radius="md" />
          <Skeleton h={220} radius="md" />
        </Stack>
      ) : summary.isError || !s ? (
        <Alert color="red" variant="light" icon={<IconAlert />} title={t('integration.loadFailed')}>
          <Button size="xs" variant="light" color="red" leftSection={<IconRefresh size={14} />} onClick={() => void summary.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : (
        <div data-testid="integration-body">
          {!s.enabled && (
            <Alert color="gray" variant="light" mb="md" data-testid="integration-disabled">
              {t('integration.disabled')}
            </Alert>
          )}
          {nothingYet(s) ? (
            <StatusPage
              icon={<IconPlug size={26} />}
              title={t('integration.emptyTitle')}
              description={t('integration.emptyBody')}
              py={48}
              mb="md"
              testId="integration-empty"
            />
          ) : (
            <>
              <IntegrationFigures s={s} />
              <EventsPerMinute s={s} />
            </>
          )}
          <ServiceHealthCards services={s.breakers} />
          {!nothingYet(s) && (
            <>
              <ParkedEvents s={s} refreshKey={s.now} />
              <RefusedBatches s={s} />
            </>
          )}
        </div>
      )}
    </>
  );
}
