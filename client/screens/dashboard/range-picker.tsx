import { useTranslation } from 'react-i18next';
import { addDays } from '../../../shared/time/local-date';
import { DayRangeInput } from '../../components/date-pickers';
import { IconClock } from '../../components/icons';
import { lastDays, monthStart, todayLocal, type DayRange } from './dashboard-range';

/** The dashboard's day range: always a whole range (half a range stays local until the second click). */
export function RangePicker({ value, onChange }: { value: DayRange; onChange: (range: DayRange) => void }) {
  const { t } = useTranslation();
  const today = todayLocal();
  const lastMonthEnd = addDays(monthStart(today), -1);
  const preset = (r: DayRange, label: string) => ({ value: [r.from, r.to] as [string, string], label });

  return (
    <DayRangeInput
      w={250}
      leftSection={<IconClock size={16} />}
      // the spoken name holds the range shown on the button, so "click 2026-11-06" finds it
      aria-label={`${t('dashboard.range.label')} ${value.from} – ${value.to}`}
      value={[value.from, value.to]}
      onChange={(from, to) => {
        if (from && to) onChange({ from, to }); // no clear button: never an empty range
      }}
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
  );
}
