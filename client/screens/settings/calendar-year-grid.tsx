import { SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { addDays, weekday } from '../../../shared/time/local-date';
import type { CalendarDay } from './settings-api-types';
import { WEEKDAY_KEYS } from './weekday-keys';
import classes from './settings.module.css';

interface Props {
  year: number;
  byDate: Map<string, CalendarDay>;
  today: string;
  /** admins: a click on a day opens it for editing */
  onPick?: (date: string) => void;
}

const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0] as const;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Twelve small months, Monday first (as Chinese calendars print them), holidays and make-up days tinted. */
export function CalendarYearGrid({ year, byDate, today, onPick }: Props) {
  const { t, i18n } = useTranslation();
  const monthName = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'zh-CN', { month: 'long', timeZone: 'UTC' });
  // a day's spoken name holds the number shown in its cell (2026年7月6日星期一 / Monday, July 6, 2026)
  const dayName = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'zh-CN', { dateStyle: 'full', timeZone: 'UTC' });

  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="lg" verticalSpacing="lg" data-testid="calendar-year-grid">
      {Array.from({ length: 12 }, (_, m) => {
        const first = `${year}-${pad(m + 1)}-01`;
        const lead = (weekday(first) + 6) % 7; // blanks before the 1st, weeks starting Monday
        const dates: string[] = [];
        for (let d = first; d.startsWith(`${year}-${pad(m + 1)}`); d = addDays(d, 1)) dates.push(d);
        return (
          <div key={m}>
            <Text size="sm" fw={600} mb={4}>
              {monthName.format(new Date(Date.UTC(year, m, 1)))}
            </Text>
            <div className={classes.month} role="group" aria-label={monthName.format(new Date(Date.UTC(year, m, 1)))}>
              {MONDAY_FIRST.map((dow) => (
                <div key={dow} className={classes.weekday} aria-hidden="true">
                  {t(`settings.calendar.weekdayMin.${WEEKDAY_KEYS[dow]}`)}
                </div>
              ))}
              {Array.from({ length: lead }, (_, i) => (
                <div key={`blank-${i}`} />
              ))}
              {dates.map((date) => {
                const entry = byDate.get(date);
                const dow = weekday(date);
                const weekend = dow === 0 || dow === 6;
                const kindText = entry
                  ? t(`settings.calendar.kind.${entry.kind}`)
                  : weekend
                    ? t('settings.sla.weekend')
                    : t('settings.sla.workday');
                const label = `${date} ${t(`settings.calendar.weekdayShort.${WEEKDAY_KEYS[dow]}`)} · ${entry?.name ? `${entry.name} · ` : ''}${kindText}`;
                const props = {
                  className: classes.day,
                  'data-kind': entry?.kind,
                  'data-weekend': weekend || undefined,
                  'data-today': date === today || undefined,
                  'data-date': date,
                  title: label,
                  'aria-label': `${dayName.format(new Date(`${date}T00:00:00Z`))} · ${entry?.name ? `${entry.name} · ` : ''}${kindText}`,
                };
                return onPick ? (
                  <button key={date} type="button" {...props} onClick={() => onPick(date)}>
                    {Number(date.slice(8))}
                  </button>
                ) : (
                  <div key={date} {...props}>
                    {Number(date.slice(8))}
                  </div>
                );
              })}
            </div>
          </div>
        );
      })}
    </SimpleGrid>
  );
}
