import { Button, Drawer, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AuditDiff } from '../../components/audit-diff';
import { useAuditLabels } from '../../components/audit-labels';
import { DISPLAY_TIME_ZONE, formatDate } from '../../lib/format';
import { historyTarget } from './audit-codes';
import { ActionTag, EntityCell } from './audit-log-columns';
import { toUrlSearch } from './audit-search';
import type { AuditEvent } from './audit-types';
import classes from './audit.module.css';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function secondsOf(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: DISPLAY_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** One event in full: who, from where, in which request, the readable diff and the raw payload. */
export function AuditEventDrawer({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const { t, vocab } = useAuditLabels();
  const history = event ? historyTarget(event.entityType) : null;
  return (
    <Drawer
      opened={event !== null}
      onClose={onClose}
      position="right"
      size={520}
      title={event ? t('audit.event.title', { id: event.id }) : ''}
      data-testid="audit-event-drawer"
    >
      {event && (
        <Stack gap="md">
          <Group gap="xs">
            <ActionTag action={event.action} />
          </Group>
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
            <Fact label={t('audit.event.at')}>
              <Text span ff="monospace" size="sm">
                {formatDate(event.at)} {secondsOf(event.at)}
              </Text>
            </Fact>
            <Fact label={t('audit.event.actor')}>
              {event.actor} · {vocab.roleLabel(event.actorRole)}
            </Fact>
            <Fact label={t('audit.event.entity')}>
              <EntityCell type={event.entityType} id={event.entityId} />
            </Fact>
            <Fact label={t('audit.event.clientIp')}>
              <Text span ff="monospace" size="sm">
                {event.clientIp ?? '—'}
              </Text>
            </Fact>
            <Fact label={t('audit.event.requestId')}>
              <Text span ff="monospace" size="xs">
                {event.requestId ?? '—'}
              </Text>
            </Fact>
          </SimpleGrid>
          {event.reason && <Fact label={t('audit.event.reason')}>{event.reason}</Fact>}
          <div>
            <Title order={3} size="h6" mb={6}>
              {t('audit.event.changes')}
            </Title>
            <AuditDiff before={event.before} after={event.after} />
          </div>
          {/* the record exactly as stored, for whoever needs the raw fields: folded away by default */}
          <details data-testid="audit-raw">
            <summary>
              <Text span size="xs" c="dimmed">
                {t('audit.event.raw')}
              </Text>
            </summary>
            <SimpleGrid cols={2} spacing="sm" mt={6}>
              <div>
                <Text size="xs" c="dimmed" mb={4}>
                  {t('audit.event.before')}
                </Text>
                <pre className={classes.json}>{event.before === null ? '—' : JSON.stringify(event.before, null, 2)}</pre>
              </div>
              <div>
                <Text size="xs" c="dimmed" mb={4}>
                  {t('audit.event.after')}
                </Text>
                <pre className={classes.json}>{event.after === null ? '—' : JSON.stringify(event.after, null, 2)}</pre>
              </div>
            </SimpleGrid>
          </details>
          {history && (
            <Button
              variant="light"
              renderRoot={(props) => (
                <Link
                  to="/audit"
                  search={toUrlSearch({ tab: 'history', entityType: history, entityId: event.entityId }) as never}
                  {...props}
                />
              )}
              onClick={onClose}
            >
              {t('audit.event.fullHistory')}
            </Button>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
