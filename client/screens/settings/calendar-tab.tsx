import { ActionIcon, Alert, Button, EmptyState, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALLOW, type Role } from '../../../shared/roles';
import { useStaff } from '../../auth/session';
import { CalendarCoverageNotice } from '../../components/calendar-coverage-notice';
import { IconLock } from '../../components/icons';
import { formatDate } from '../../lib/format';
import { useTRPC } from '../../trpc';
import { CalendarDayDialog } from './calendar-day-dialog';
import { CalendarDayList } from './calendar-day-list';
import { CalendarRemoveDialog } from './calendar-remove-dialog';
import { CalendarYearGrid } from './calendar-year-grid';
import type { CalendarDay } from './settings-api-types';
import { IconCalendar, IconChevronLeft, IconChevronRight, IconPlus } from './settings-icons';
import { useSettingsSearch } from './settings-tabs';
import { LoadError, SectionSkeleton } from './settings-states';
import { SlaPreview } from './sla-preview';
import classes from './settings.module.css';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

type Editing = { day?: CalendarDay; date?: string } | null;

/** Settings → Holiday calendar: the year's holidays and make-up working days, and what they do to the SLA. */
export function CalendarTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const staff = useStaff();
  const canEdit = (ALLOW.administer as readonly Role[]).includes(staff.role);
  const search = useSettingsSearch(staff.role);
  const today = formatDate(new Date());
  const thisYear = Number(today.slice(0, 4));
  const year = search.year ?? thisYear;
  const days = useQuery(trpc.policy.calendar.queryOptions({ year }));
  const policy = useQuery(trpc.policy.current.queryOptions());
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<CalendarDay | null>(null);
  const byDate = useMemo(() => new Map((days.data ?? []).map((d) => [d.date, d])), [days.data]);

  const holidays = days.data?.filter((d) => d.kind === 'holiday').length ?? 0;
  const makeups = days.data?.filter((d) => d.kind === 'makeup_workday').length ?? 0;

  const openDate = (date: string) => {
    const day = byDate.get(date);
    setEditing(day ? { day } : { date });
  };

  return (
    <Stack gap="lg" data-testid="calendar-tab">
      {!canEdit && (
        <Alert color="gray" icon={<IconLock size={18} />} data-testid="calendar-readonly">
          {t('settings.calendar.readOnly')}
        </Alert>
      )}
      <CalendarCoverageNotice always />
      {policy.data && (
        <SlaPreview
          days={policy.data.reviewSlaBusinessDays}
          timezone={policy.data.timezone}
          context={t('settings.sla.underVersion', {
            version: policy.data.version,
            days: t('settings.policy.value.businessDays', { count: policy.data.reviewSlaBusinessDays }),
          })}
        />
      )}

      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" mb="xs" wrap="wrap" gap="sm">
          <Group gap="sm">
            <Title order={2} size="h4">
              {t('settings.calendar.title')}
            </Title>
            <Group gap={2} data-testid="calendar-year-switch">
              <Tooltip label={t('settings.calendar.previousYear')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => search.setYear(year - 1)}
                  disabled={year <= MIN_YEAR}
                  aria-label={t('settings.calendar.previousYear')}
                  data-testid="calendar-prev-year"
                >
                  <IconChevronLeft size={18} />
                </ActionIcon>
              </Tooltip>
              <Text fw={650} size="lg" w={56} ta="center" data-testid="calendar-year">
                {year}
              </Text>
              <Tooltip label={t('settings.calendar.nextYear')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={() => search.setYear(year + 1)}
                  disabled={year >= MAX_YEAR}
                  aria-label={t('settings.calendar.nextYear')}
                  data-testid="calendar-next-year"
                >
                  <IconChevronRight size={18} />
                </ActionIcon>
              </Tooltip>
              {year !== thisYear && (
                <Button variant="subtle" size="compact-sm" onClick={() => search.setYear(thisYear)}>
                  {t('settings.calendar.thisYear')}
                </Button>
              )}
            </Group>
          </Group>
          {canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})} data-testid="calendar-add">
              {t('settings.calendar.add')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed" mb="md">
          {t('settings.calendar.hint')}
        </Text>

        {days.isPending ? (
          <SectionSkeleton rows={6} />
        ) : days.isError ? (
          <LoadError error={days.error} onRetry={() => void days.refetch()} testId="calendar-load-error" />
        ) : (
          <Stack gap="md">
            <Group gap="lg" wrap="wrap">
              <Text size="sm" data-testid="calendar-summary">
                {t('settings.calendar.summary', { year, holidays, makeups })}
              </Text>
              <Group gap="md" wrap="wrap" aria-hidden="true">
                {(['holiday', 'makeup_workday', 'weekend', 'today'] as const).map((kind) => (
                  <Group key={kind} gap={6}>
                    <span className={classes.swatch} data-kind={kind} />
                    <Text size="xs" c="dimmed">
                      {t(`settings.calendar.legend.${kind}`)}
                    </Text>
                  </Group>
                ))}
              </Group>
            </Group>
            <CalendarYearGrid year={year} byDate={byDate} today={today} onPick={canEdit ? openDate : undefined} />
          </Stack>
        )}
      </Paper>

      {days.isSuccess && (
        <Paper withBorder radius="md" p="lg">
          <Title order={3} size="h5" mb="sm">
            {t('settings.calendar.listTitle', { year })}
          </Title>
          {days.data.length === 0 ? (
            <EmptyState
              icon={<IconCalendar size={26} />}
              variant="light"
              title={t('settings.calendar.emptyTitle', { year })}
              description={canEdit ? t('settings.calendar.emptyAdmin') : t('settings.calendar.emptyReader')}
              data-testid="calendar-empty"
            >
              {canEdit && (
                <EmptyState.Actions>
                  <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
                    {t('settings.calendar.add')}
                  </Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          ) : (
            <CalendarDayList
              days={days.data}
              onEdit={canEdit ? (day) => setEditing({ day }) : undefined}
              onRemove={canEdit ? setRemoving : undefined}
            />
          )}
        </Paper>
      )}

      {editing && (
        <CalendarDayDialog
          existing={editing.day}
          initialDate={editing.date}
          entryOn={(date) => byDate.get(date)}
          onClose={() => setEditing(null)}
          onSaved={(date) => {
            const savedYear = Number(date.slice(0, 4));
            if (savedYear !== year) search.setYear(savedYear);
          }}
        />
      )}
      {removing && <CalendarRemoveDialog day={removing} onClose={() => setRemoving(null)} />}
    </Stack>
  );
}
