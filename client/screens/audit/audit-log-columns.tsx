import { ActionIcon, Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { createColumnHelper, tableFeatures } from '@tanstack/react-table';
import type { CSSProperties } from 'react';
import { AuditDiff } from '../../components/audit-diff';
import { useAuditLabels } from '../../components/audit-labels';
import { formatDate, formatTime } from '../../lib/format';
import { entityPage, historyTarget } from './audit-codes';
import { actionColor } from './audit-colors';
import { toUrlSearch } from './audit-search';
import type { AuditEvent } from './audit-types';

// The log's columns, defined once at module level (stable identities for the table).
export const auditTableFeatures = tableFeatures({});
const column = createColumnHelper<typeof auditTableFeatures, AuditEvent>();

type ColumnKey = 'at' | 'actor' | 'action' | 'entity' | 'change';

function Title({ k }: { k: ColumnKey }) {
  const { t } = useAuditLabels();
  return <>{t(`audit.log.columns.${k}`)}</>;
}

// A fixed layout: the four fixed columns leave the change (变更内容: field, before → after) all
// the rest, about 260 px on a 1024 px laptop without scrolling sideways (audit-log.tsx's minimum
// table width), where values wrap between words rather than inside them.
export const AUDIT_COLUMN_STYLE: Partial<Record<string, CSSProperties>> = {
  at: { width: 150 },
  actor: { width: 150 },
  action: { width: 175 },
  entity: { width: 180 },
};

function AtCell({ e }: { e: AuditEvent }) {
  return (
    <Stack gap={0}>
      <Text size="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {formatDate(e.at)} {formatTime(e.at)}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        #{e.id}
      </Text>
    </Stack>
  );
}

function ActorCell({ e }: { e: AuditEvent }) {
  const { vocab } = useAuditLabels();
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {e.actor}
      </Text>
      <Text size="xs" c="dimmed">
        {vocab.roleLabel(e.actorRole)}
        {e.clientIp ? ` · ${e.clientIp}` : ''}
      </Text>
    </Stack>
  );
}

/** An action: its label in the action's colour, then its code (the caller lays the two out). */
export function ActionTag({ action, size }: { action: string; size?: 'sm' }) {
  const { vocab } = useAuditLabels();
  return (
    <>
      <Badge variant="light" color={actionColor(action)} radius="sm" tt="none" fw={600} size={size}>
        {vocab.actionLabel(action)}
      </Badge>
      <Text size="xs" c="dimmed" ff="monospace">
        {action}
      </Text>
    </>
  );
}

function ActionCell({ e }: { e: AuditEvent }) {
  return (
    <Stack gap={2} align="flex-start">
      <ActionTag action={e.action} size="sm" />
    </Stack>
  );
}

/** The entity: its history in this screen, and its own page when it has one. */
export function EntityCell({ type, id }: { type: string; id: string }) {
  const { t, vocab } = useAuditLabels();
  const history = historyTarget(type);
  const page = entityPage(type, id);
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {vocab.entityLabel(type)}
      </Text>
      <Group gap={4} wrap="nowrap">
        {history ? (
          <Anchor
            size="sm"
            ff="monospace"
            title={t('audit.log.openHistory')}
            renderRoot={(props) => (
              <Link to="/audit" search={toUrlSearch({ tab: 'history', entityType: history, entityId: id }) as never} {...props} />
            )}
            onClick={(ev) => ev.stopPropagation()}
            data-testid="audit-entity-history"
          >
            {id}
          </Anchor>
        ) : (
          <Text size="sm" ff="monospace">
            {id}
          </Text>
        )}
        {page && (
          <ActionIcon
            size="xs"
            variant="subtle"
            color="gray"
            title={type === 'order' ? t('audit.log.openOrder') : t('audit.log.openCase')}
            aria-label={type === 'order' ? t('audit.log.openOrder') : t('audit.log.openCase')}
            renderRoot={(props) => <Link {...page} {...props} />}
            onClick={(ev) => ev.stopPropagation()}
          >
            <svg width={12} height={12} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
              <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
            </svg>
          </ActionIcon>
        )}
      </Group>
    </Stack>
  );
}

function ChangeCell({ e }: { e: AuditEvent }) {
  const { t } = useAuditLabels();
  return (
    <Stack gap={4}>
      <AuditDiff before={e.before} after={e.after} limit={4} />
      {e.reason && (
        <Text size="xs" lineClamp={2}>
          <Text span size="xs" c="dimmed">
            {t('audit.log.reason')}
          </Text>
          {e.reason}
        </Text>
      )}
    </Stack>
  );
}

export const AUDIT_COLUMNS = column.columns([
  column.accessor('at', { header: () => <Title k="at" />, cell: ({ row }) => <AtCell e={row.original} /> }),
  column.accessor('actor', { header: () => <Title k="actor" />, cell: ({ row }) => <ActorCell e={row.original} /> }),
  column.accessor('action', { header: () => <Title k="action" />, cell: ({ row }) => <ActionCell e={row.original} /> }),
  column.accessor('entityId', {
    id: 'entity',
    header: () => <Title k="entity" />,
    cell: ({ row }) => <EntityCell type={row.original.entityType} id={row.original.entityId} />,
  }),
  column.display({ id: 'change', header: () => <Title k="change" />, cell: ({ row }) => <ChangeCell e={row.original} /> }),
]);
