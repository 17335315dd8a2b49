import '@mantine/dates/styles.css';
import 'dayjs/locale/zh-cn';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/time/local-date';
import { IconClock } from '../../components/icons';
import { lastDays, monthStart, todayLocal, type DayRange } from './dashboard-range';
import { useInLanguage } from '../../i18n/use-in-language';

type Draft = [string | null, string | null];

/** The dashboard's day range: always a whole range (half a range stays local until the second click). */
export function RangePicker({ value, onChange }: { value: DayRange; onChange: (range: DayRange) => void }) {
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  const [draft, setDraft] = useState<Draft | null>(null);
  const today = todayLocal();
  const lastMonthEnd = addDays(monthStart(today), -1);
  const preset = (r: DayRange, label: string) => ({ value: [r.from, r.to] as [string, string], label });

  function change(next: Draft) {
    const [a, b] = next;
    if (a && b) {
      setDraft(null);
      onChange({ from: a, to: b });
    } else {
      setDraft(next);
    }
  }

  return (
    <DatesProvider settings={{ locale: inLanguage('zh-cn', 'en'), firstDayOfWeek: 1 }}>
      <DatePickerInput
        type="range"
        w={250}
        leftSection={<IconClock size={16} />}
        aria-label={t('dashboard.range.label')}
        value={draft ?? [value.from, value.to]}
        onChange={(v) => change([v[0] ? String(v[0]) : null, v[1] ? String(v[1]) : null])}
        onDropdownClose={() => setDraft(null)}
        valueFormat="YYYY-MM-DD"
        allowSingleDateInRange
        maxDate={today}
        presets={[
          preset(lastDays(7, today), t('dashboard.range.last7')),
          preset(lastDays(30, today), t('dashboard.range.last30')),
          preset(lastDays(90, today), t('dashboard.range.last90')),
          preset(lastDays(120, today), t('dashboard.range.last120')),
          preset({ from: monthStart(today), to: today }, t('dashboard.range.thisMonth')),
          preset({ from: monthStart(lastMonthEnd), to: lastMonthEnd }, t('dashboard.range.lastMonth')),
          preset({ from: `${today.slice(0, 4)}-01-01`, to: today }, t('dashboard.range.thisYear')),
        ]}
        data-testid="dash-range"
      />
    </DatesProvider>
  );
}
