import { Anchor, Badge, Group, Highlight, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { inferRouterOutputs } from '@trpc/server';
import { useTranslation } from 'react-i18next';
import type { AppRouter } from '../../../server/router';
import { IconArrowIn, IconArrowOut } from '../../components/case-icons';
import { callDuration, CommChannelIcon, DeliveryBadge, DIRECTION_COLOR } from '../../components/comm-badges';
import { formatDateTime } from '../../lib/format';
import { excerpt } from './excerpt';

export type CommRow = inferRouterOutputs<AppRouter>['comms']['list']['items'][number];

/** One communication found: when, how, who, on which case and member, what was said. */
export function CommResult({ comm, q }: { comm: CommRow; q: string | undefined }) {
  const { t } = useTranslation();
  const DirectionIcon = comm.direction === 'inbound' ? IconArrowIn : IconArrowOut;
  const author = comm.author
    ? comm.authorName && comm.authorName !== comm.author
      ? `${comm.authorName} (${comm.author})`
      : comm.author
    : t('comms.result.system');
  return (
    <Group
      align="flex-start"
      gap="sm"
      wrap="nowrap"
      px="md"
      py="sm"
      data-testid="comm-result"
      data-comm-id={comm.commId}
      data-channel={comm.channel}
      data-direction={comm.direction}
    >
      <CommChannelIcon channel={comm.channel} direction={comm.direction} />
      <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6} wrap="wrap">
            <Text size="xs" fw={600} ff="monospace" data-testid="comm-time">
              {formatDateTime(comm.createdAt)}
            </Text>
            <Text size="xs" fw={600}>
              {t(`caseDetail.comms.channel.${comm.channel}`)}
            </Text>
            <Group gap={2} wrap="nowrap">
              {comm.direction !== 'note' && <DirectionIcon size={12} color={`var(--mantine-color-${DIRECTION_COLOR[comm.direction]}-7)`} />}
              <Text size="xs" c={DIRECTION_COLOR[comm.direction]} data-testid="comm-direction">
                {t(`caseDetail.comms.direction.${comm.direction}`)}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" data-testid="comm-author">
              · {author}
            </Text>
            {comm.durationSec !== null && (
              <Text size="xs" c="dimmed" data-testid="comm-duration">
                · {t('comms.result.duration', { duration: callDuration(comm.durationSec) })}
              </Text>
            )}
            {comm.direction === 'outbound' && comm.deliveryStatus && <DeliveryBadge status={comm.deliveryStatus} />}
            {comm.editedAt && (
              <Badge size="xs" variant="light" color="gray" tt="none">
                {t('comms.result.edited')}
              </Badge>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {comm.caseNo ? (
              <Anchor
                size="xs"
                ff="monospace"
                title={t('comms.result.caseTitle')}
                renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo: comm.caseNo! }} {...props} />}
                data-testid="comm-case"
              >
                {comm.caseNo}
              </Anchor>
            ) : (
              <Text size="xs" c="dimmed">
                {t('comms.result.noCase')}
              </Text>
            )}
            <Anchor
              size="xs"
              title={t('comms.result.memberTitle')}
              renderRoot={(props) => <Link to="/orders" search={{ q: comm.memberUid }} {...props} />}
              data-testid="comm-member"
            >
              {t('comms.result.member', { uid: comm.memberUid })}
            </Anchor>
          </Group>
        </Group>
        <Highlight
          size="sm"
          highlight={q ?? ''}
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          highlightStyles={{ padding: '0 1px', borderRadius: 2 }}
          data-testid="comm-body"
        >
          {excerpt(comm.body, q)}
        </Highlight>
      </Stack>
    </Group>
  );
}
