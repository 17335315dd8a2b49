import { Badge, ThemeIcon, Tooltip } from '@mantine/core';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { IconBell, IconChat, IconMail, IconNote, IconPhone, IconSms } from './case-icons';

// How a communication looks wherever it is listed (the communications screen, the order's
// timeline): the channel's icon in the direction's colour, and an outbound message's delivery.

type Channel = 'phone' | 'online_chat' | 'email' | 'sms' | 'in_app_message';
type Direction = 'inbound' | 'outbound' | 'note';

export const CHANNEL_ICON: Record<Channel, ComponentType<{ size?: number }>> = {
  phone: IconPhone,
  online_chat: IconChat,
  email: IconMail,
  sms: IconSms,
  in_app_message: IconBell,
};

export const DIRECTION_COLOR: Record<Direction, string> = { inbound: 'blue', outbound: 'teal', note: 'yellow' };

const DELIVERY_COLOR: Record<string, string> = { pending: 'gray', retrying: 'orange', sent: 'teal', delivered: 'green', failed: 'red' };

/** 3:05 — a call's length. */
export function callDuration(sec: number): string {
  return `${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, '0')}`;
}

/** The channel's icon (a note's own icon for internal notes), tinted by direction. */
export function CommChannelIcon({ channel, direction, size = 30 }: { channel: Channel; direction: Direction; size?: number }) {
  const { t } = useTranslation();
  const Icon = direction === 'note' ? IconNote : CHANNEL_ICON[channel];
  return (
    <ThemeIcon
      variant="light"
      color={DIRECTION_COLOR[direction]}
      radius="xl"
      size={size}
      role="img"
      aria-label={t(`caseDetail.comms.channel.${channel}`)}
      data-channel={channel}
    >
      <Icon size={Math.round(size * 0.53)} />
    </ThemeIcon>
  );
}

/** pending / retrying / sent / failed: whether a message the console sent has gone out. */
export function DeliveryBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('caseDetail.comms.deliveryHint')} withArrow>
      <Badge size="xs" variant="dot" color={DELIVERY_COLOR[status] ?? 'gray'} tt="none" data-testid="delivery-status" data-status={status}>
        {t(`caseDetail.comms.delivery.${status as 'sent'}`, { defaultValue: status })}
      </Badge>
    </Tooltip>
  );
}
