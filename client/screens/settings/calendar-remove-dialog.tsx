import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { weekday } from '../../../shared/time/local-date';
import { useTRPC } from '../../trpc';
import type { CalendarDay } from './settings-api-types';
import { SettingsDialog } from './settings-dialog';

/** Confirms turning a holiday or make-up day back into an ordinary day (kind `normal`). */
export function CalendarRemoveDialog({ day, onClose }: { day: CalendarDay; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.policy.setCalendarDay.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('settings.calendar.removed', { date: day.date }) });
        await queryClient.invalidateQueries({ queryKey: trpc.policy.calendar.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.policy.calendarCoverage.pathKey() });
        onClose();
      },
    }),
  );
  const dow = weekday(day.date);
  const becomes = dow === 0 || dow === 6 ? t('settings.calendar.becomesWeekend') : t('settings.calendar.becomesWorkday');
  return (
    <SettingsDialog
      title={t('settings.calendar.removeTitle', { date: day.date })}
      submitLabel={t('settings.calendar.remove')}
      submitColor="red"
      onSubmit={() => remove.mutate({ date: day.date, kind: 'normal', name: '' })}
      onClose={onClose}
      pending={remove.isPending}
      error={remove.error}
      testId="calendar-remove"
      size="sm"
    >
      <Text size="sm">
        {t('settings.calendar.removeBody', {
          date: day.date,
          name: day.name || t(`settings.calendar.kind.${day.kind}`),
          becomes,
        })}
      </Text>
    </SettingsDialog>
  );
}
