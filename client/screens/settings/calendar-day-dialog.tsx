import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocalDate, weekday } from '../../../shared/time/local-date';
import { LabelledChoice } from '../../components/choice';
import { LocalDates } from '../../components/date-pickers';
import { useTRPC } from '../../trpc';
import type { CalendarDay, CalendarKind } from './settings-api-types';
import { SettingsDialog } from './settings-dialog';
import { IconTrash } from './settings-icons';

const NAME_MAX = 60;
const KINDS: CalendarKind[] = ['holiday', 'makeup_workday'];

interface Props {
  /** the day being changed; absent when adding */
  existing?: CalendarDay;
  /** a date picked on the year view, when adding */
  initialDate?: string;
  /** the calendar's entry for a date, to warn before replacing one */
  entryOn: (date: string) => CalendarDay | undefined;
  onClose: () => void;
  onSaved: (date: string) => void;
}

function isWeekend(date: string): boolean {
  const dow = weekday(date);
  return dow === 0 || dow === 6;
}

/** The kind a date can take: a holiday is a weekday off, a make-up working day a weekend at work. */
function fittingKind(date: string): CalendarKind {
  return isWeekend(date) ? 'makeup_workday' : 'holiday';
}

/** Add a holiday or make-up working day, or change or remove one (admins). */
export function CalendarDayDialog({ existing, initialDate, entryOn, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const startDate = existing?.date ?? initialDate ?? null;
  const [date, setDate] = useState<string | null>(startDate);
  const [kind, setKind] = useState<CalendarKind>(existing?.kind ?? (startDate ? fittingKind(startDate) : 'holiday'));
  const [name, setName] = useState(existing?.name ?? '');
  const [tried, setTried] = useState(false);

  const save = useMutation(
    trpc.policy.setCalendarDay.mutationOptions({
      onSuccess: async (result) => {
        notifications.show({
          color: 'teal',
          message:
            result.kind === 'normal'
              ? t('settings.calendar.removed', { date: result.date })
              : t('settings.calendar.saved', { date: result.date }),
        });
        await queryClient.invalidateQueries({ queryKey: trpc.policy.calendar.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.policy.calendarCoverage.pathKey() });
        onSaved(result.date);
        onClose();
      },
    }),
  );

  const validDate = date !== null && isLocalDate(date);
  const dateError = tried && !validDate ? t('settings.calendar.errors.date') : undefined;
  const kindError =
    validDate && kind === 'holiday' && isWeekend(date)
      ? t('settings.calendar.errors.holidayOnWeekend', { date })
      : validDate && kind === 'makeup_workday' && !isWeekend(date)
        ? t('settings.calendar.errors.makeupOnWeekday', { date })
        : undefined;
  const replaces = !existing && validDate ? entryOn(date) : undefined;

  function submit() {
    setTried(true);
    if (!validDate || kindError) return;
    save.mutate({ date, kind, name: name.trim() });
  }

  return (
    <SettingsDialog
      title={existing ? t('settings.calendar.editTitle', { date: existing.date }) : t('settings.calendar.addTitle')}
      description={t('settings.calendar.dialogHint')}
      submitLabel={t('settings.actions.save')}
      onSubmit={submit}
      onClose={onClose}
      pending={save.isPending}
      error={save.error}
      testId="calendar-dialog"
      extraActions={
        existing && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} />}
            disabled={save.isPending}
            onClick={() => save.mutate({ date: existing.date, kind: 'normal', name: '' })}
            data-testid="calendar-dialog-remove"
          >
            {t('settings.calendar.remove')}
          </Button>
        )
      }
    >
      <Stack gap="sm">
        <LocalDates>
          <DatePickerInput
            label={t('settings.calendar.date')}
            placeholder={t('settings.calendar.pickDate')}
            value={date}
            onChange={(v) => {
              const next = v ? String(v) : null;
              setDate(next);
              if (next && isLocalDate(next) && !existing) setKind(fittingKind(next));
            }}
            valueFormat="YYYY-MM-DD dddd"
            disabled={Boolean(existing)}
            error={dateError}
            withAsterisk
            data-autofocus={!existing || undefined}
            data-testid="calendar-date"
          />
        </LocalDates>
        <LabelledChoice
          id="calendar-kind"
          label={t('settings.calendar.kindLabel')}
          values={KINDS}
          value={kind}
          onChange={setKind}
          labelOf={(k) => t(`settings.calendar.kind.${k}`)}
          data-testid="calendar-kind"
        >
          <Text size="xs" c={kindError ? 'red' : 'dimmed'} mt={4} data-testid="calendar-kind-hint">
            {kindError ?? t(`settings.calendar.kindHint.${kind}`)}
          </Text>
        </LabelledChoice>
        <TextInput
          label={t('settings.calendar.name')}
          placeholder={t(`settings.calendar.namePlaceholder.${kind}`)}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={NAME_MAX}
          data-testid="calendar-name"
        />
        {replaces && (
          <Alert color="orange" p="xs">
            {t('settings.calendar.replaces', {
              date: replaces.date,
              name: replaces.name || t(`settings.calendar.kind.${replaces.kind}`),
              kind: t(`settings.calendar.kind.${replaces.kind}`),
            })}
          </Alert>
        )}
      </Stack>
    </SettingsDialog>
  );
}
