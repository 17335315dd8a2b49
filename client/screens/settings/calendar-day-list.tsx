import { ActionIcon, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/table-parts';
import { weekday } from '../../../shared/time/local-date';
import type { CalendarDay } from './settings-api-types';
import { WEEKDAY_KEYS } from './weekday-keys';
import { IconPencil, IconTrash } from './settings-icons';

interface Props {
  days: CalendarDay[];
  onEdit?: (day: CalendarDay) => void;
  onRemove?: (day: CalendarDay) => void;
}

export const KIND_COLOR = { holiday: 'red', makeup_workday: 'orange' } as const;

/** The year's special days, one a row; admins change or remove each. */
export function CalendarDayList({ days, onEdit, onRemove }: Props) {
  const { t } = useTranslation();
  const editable = Boolean(onEdit && onRemove);
  return (
    <ScrollTable
      minWidth={520}
      maxHeight={480}
      verticalSpacing={6}
      highlightOnHover
      stickyHeader
      data-testid="calendar-list"
      head={
        <>
          <Table.Th w={120}>{t('settings.calendar.date')}</Table.Th>
          <Table.Th w={80}>{t('settings.calendar.weekday')}</Table.Th>
          <Table.Th w={200}>{t('settings.calendar.kindLabel')}</Table.Th>
          <Table.Th>{t('settings.calendar.name')}</Table.Th>
          {editable && <Table.Th w={96} aria-label={t('settings.calendar.actions')} />}
        </>
      }
    >
      {days.map((day) => {
        const dow = weekday(day.date);
        return (
          <Table.Tr key={day.date} data-testid={`calendar-row-${day.date}`}>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {day.date}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={dow === 0 || dow === 6 ? 'dimmed' : undefined}>
                {t(`settings.calendar.weekdayShort.${WEEKDAY_KEYS[dow]}`)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge color={KIND_COLOR[day.kind]} variant="light" radius="sm" tt="none" fw={500}>
                {t(`settings.calendar.kind.${day.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={day.name ? undefined : 'dimmed'}>
                {day.name || t('settings.calendar.noName')}
              </Text>
            </Table.Td>
            {editable && (
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Tooltip label={t('settings.calendar.edit')}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`${t('settings.calendar.edit')} ${day.date}`}
                      onClick={() => onEdit?.(day)}
                      data-testid="calendar-row-edit"
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('settings.calendar.remove')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t('settings.calendar.remove')} ${day.date}`}
                      onClick={() => onRemove?.(day)}
                      data-testid="calendar-row-remove"
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            )}
          </Table.Tr>
        );
      })}
    </ScrollTable>
  );
}
