import { Alert, Anchor, Badge, Button, EmptyState, Group, Paper, Skeleton, Stack, Switch, Text, Timeline, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { AuditDiff } from '../../components/audit-diff';
import { useAuditLabels } from '../../components/audit-labels';
import { IconAlert, IconInbox } from '../../components/icons';
import { formatDateTime } from '../../lib/format';
import { entityPage, historyTarget } from './audit-codes';
import { actionColor } from './audit-colors';
import type { AuditEvent, HistoryEntityType } from './audit-types';
import { useEntityHistory } from './use-entity-history';

interface Props {
  entityType: HistoryEntityType;
  entityId: string;
  onOpen: (entityType: HistoryEntityType, entityId: string) => void;
}

const isRead = (e: AuditEvent) => e.action === 'audit.read';

/** A case's or order's history as a timeline, oldest first, each event with its diff. */
export function EntityHistory({ entityType, entityId, onOpen }: Props) {
  const { t, vocab } = useAuditLabels();
  const history = useEntityHistory(entityType, entityId);
  const [withReads, setWithReads] = useState(false);
  const reads = history.events.filter(isRead).length;
  const events = withReads ? history.events : history.events.filter((e) => !isRead(e));
  const page = entityPage(entityType, entityId);
  const actors = [...new Set(events.map((e) => e.actor))];
  const [first, last] = [events.at(0), events.at(-1)];

  if (history.isPending) {
    return (
      <Paper withBorder radius="md" p="md" aria-busy="true">
        <Skeleton h={22} w={280} mb="md" />
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} h={52} mb="sm" />
        ))}
      </Paper>
    );
  }
  if (history.error && history.events.length === 0) {
    return (
      <Alert color="red" icon={<IconAlert />} title={t('audit.history.loadFailed')} data-testid="audit-history-error">
        <Button size="xs" variant="light" color="red" onClick={() => void history.refetch()}>
          {t('common.retry')}
        </Button>
      </Alert>
    );
  }

  return (
    <Paper withBorder radius="md" p="md" data-testid="audit-history">
      <Group justify="space-between" align="flex-start" mb="md" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={2} size="h4">
              {t('audit.history.title', { entity: vocab.entityLabel(entityType), id: entityId })}
            </Title>
            {page && (
              <Anchor size="sm" renderRoot={(props) => <Link {...page} {...props} />}>
                {entityType === 'order' ? t('audit.log.openOrder') : t('audit.log.openCase')}
              </Anchor>
            )}
          </Group>
          <Text size="xs" c="dimmed" data-testid="audit-history-summary">
            {first && last
              ? t('audit.history.summary', {
                  count: events.length,
                  first: formatDateTime(first.at),
                  last: formatDateTime(last.at),
                  actors: actors.join('、'),
                })
              : t('audit.history.none')}
          </Text>
          {entityType === 'order' && history.caseNos.length > 0 && (
            <Group gap={6} mt={4}>
              <Text size="xs" c="dimmed">
                {t('audit.history.casesOnOrder')}
              </Text>
              {history.caseNos.map((no) => (
                <Button key={no} size="compact-xs" variant="default" ff="monospace" fw={500} onClick={() => onOpen('case', no)}>
                  {no}
                </Button>
              ))}
            </Group>
          )}
        </Stack>
        <Group gap="md">
          {reads > 0 && (
            <Switch
              size="xs"
              checked={withReads}
              onChange={(e) => setWithReads(e.currentTarget.checked)}
              label={t('audit.history.withReads', { count: reads })}
            />
          )}
        </Group>
      </Group>

      {events.length === 0 ? (
        <EmptyState
          icon={<IconInbox size={24} />}
          variant="light"
          title={t('audit.history.noneTitle')}
          description={t('audit.history.noneBody')}
          py="xl"
          data-testid="audit-history-none"
        />
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={events.length - 1} data-testid="audit-timeline">
          {events.map((e) => (
            <Timeline.Item
              key={e.id}
              color={actionColor(e.action)}
              title={<EventTitle e={e} main={{ type: entityType, id: entityId }} onOpen={onOpen} />}
              data-testid="audit-history-event"
              data-action={e.action}
            >
              <Text size="xs" c="dimmed" mb={4}>
                {formatDateTime(e.at)} · {e.actor} · {vocab.roleLabel(e.actorRole)} · #{e.id}
              </Text>
              <AuditDiff before={e.before} after={e.after} limit={8} />
              {e.reason && (
                <Text size="xs" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  <Text span size="xs" c="dimmed">
                    {t('audit.log.reason')}
                  </Text>
                  {e.reason}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Paper>
  );
}

/** The action, and the entity when it is not the one whose history this is (the order, a refund). */
function EventTitle({ e, main, onOpen }: { e: AuditEvent; main: { type: string; id: string }; onOpen: Props['onOpen'] }) {
  const { vocab } = useAuditLabels();
  const sameEntity = historyTarget(e.entityType) === main.type && e.entityId === main.id;
  const target = historyTarget(e.entityType);
  return (
    <Group gap={8} wrap="nowrap">
      <Text size="sm" fw={600}>
        {vocab.actionLabel(e.action)}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {e.action}
      </Text>
      {!sameEntity &&
        (target ? (
          <Badge
            component="button"
            type="button"
            variant="outline"
            color="gray"
            radius="sm"
            tt="none"
            fw={500}
            size="sm"
            style={{ cursor: 'pointer' }}
            onClick={() => onOpen(target, e.entityId)}
          >
            {vocab.entityLabel(e.entityType)} {e.entityId}
          </Badge>
        ) : (
          <Badge variant="outline" color="gray" radius="sm" tt="none" fw={500} size="sm">
            {vocab.entityLabel(e.entityType)} {e.entityId}
          </Badge>
        ))}
    </Group>
  );
}
