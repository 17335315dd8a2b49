import { Badge, Group, Paper, Skeleton, Text, Tooltip } from '@mantine/core';
import { Trans, useTranslation } from 'react-i18next';
import { addBusinessDays, isBusinessDay } from '../../../shared/time/business-days';
import { addDays, isValidTimeZone, toLocalDate, weekday } from '../../../shared/time/local-date';
import { IconClock } from '../../components/icons';
import { DISPLAY_TIME_ZONE, formatDate, formatDateTime, formatTime } from '../../lib/format';
import { useBusinessCalendar } from './use-business-calendar';
import { useNow } from './use-now';
import { WEEKDAY_KEYS } from './weekday-keys';

const MAX_PILLS = 16;

interface Props {
  /** the policy's review SLA in business days */
  days: number;
  timezone: string;
  /** "under version 3" or "with this draft" */
  context: string;
  compact?: boolean;
}

/**
 * "A case opened now is due …": the SLA as the server computes it when a case opens
 * (addBusinessDays in the policy timezone), with each day until then marked as counted or not.
 */
export function SlaPreview({ days, timezone, context, compact = false }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  const zone = isValidTimeZone(timezone) ? timezone : DISPLAY_TIME_ZONE;
  const year = Number(toLocalDate(now.getTime(), zone).slice(0, 4));
  const { calendar, byDate, pending, error } = useBusinessCalendar([year, year + 1]);

  if (pending) return <Skeleton height={compact ? 40 : 72} radius="md" />;
  if (error) {
    return (
      <Text size="sm" c="red" data-testid="sla-preview-error">
        {t('settings.sla.unavailable')}
      </Text>
    );
  }

  const nowIso = now.toISOString();
  const dueAt = addBusinessDays(nowIso, days, calendar, zone);
  const start = toLocalDate(nowIso, zone);
  const last = toLocalDate(dueAt, zone);
  const dates: string[] = [];
  for (let d = addDays(start, 1); d <= last && dates.length <= MAX_PILLS; d = addDays(d, 1)) dates.push(d);
  let counted = 0;

  return (
    <Paper
      withBorder={!compact}
      bg={compact ? 'gray.0' : undefined}
      radius="md"
      p={compact ? 'sm' : 'md'}
      data-testid="sla-preview"
      data-due-at={dueAt}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <IconClock size={18} style={{ flex: 'none', marginTop: 2, color: 'var(--mantine-color-brand-7)' }} />
        <div>
          <Text size="sm">
            <Trans
              i18nKey="settings.sla.sentence"
              count={days}
              values={{
                opened: formatDateTime(nowIso),
                due: `${formatDate(dueAt)} ${t(`settings.calendar.weekdayShort.${WEEKDAY_KEYS[weekday(toLocalDate(dueAt, DISPLAY_TIME_ZONE))]}`)} ${formatTime(dueAt)}`,
              }}
              components={{ due: <Text span fw={600} style={{ whiteSpace: 'nowrap' }} data-testid="sla-preview-due" /> }}
            />
          </Text>
          <Text size="xs" c="dimmed">
            {context}
          </Text>
        </div>
      </Group>
      {dates.length > 0 && dates.length <= MAX_PILLS && (
        <Group gap={6} mt="sm" ml={26}>
          {dates.map((date) => {
            const business = isBusinessDay(date, calendar);
            if (business) counted += 1;
            const entry = byDate.get(date);
            const dow = weekday(date);
            const why =
              entry?.name ||
              (entry
                ? t(`settings.calendar.kind.${entry.kind}`)
                : dow === 0 || dow === 6
                  ? t('settings.sla.weekend')
                  : t('settings.sla.workday'));
            const label = `${date.slice(5).replace('-', '/')} ${t(`settings.calendar.weekdayShort.${WEEKDAY_KEYS[dow]}`)}`;
            return (
              <Tooltip key={date} label={business ? t('settings.sla.counted', { n: counted, why }) : t('settings.sla.skipped', { why })}>
                <Badge
                  variant={business ? 'light' : 'outline'}
                  color={business ? (entry?.kind === 'makeup_workday' ? 'orange' : 'brand') : 'gray'}
                  radius="sm"
                  tt="none"
                  fw={500}
                  style={business ? undefined : { textDecoration: 'line-through' }}
                >
                  {label}
                </Badge>
              </Tooltip>
            );
          })}
        </Group>
      )}
    </Paper>
  );
}
