import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';
import { DayRangeInput } from './date-pickers';

interface Props {
  label: string;
  /** local dates YYYY-MM-DD (Beijing time) */
  from?: string;
  to?: string;
  /** called once a range is complete (both ends) or cleared (neither) */
  onChange: (from: string | undefined, to: string | undefined) => void;
  minDate?: string;
  maxDate?: string;
  w?: number;
  testId?: string;
}

function shift(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}

/** A day range in Beijing time for the order screens' filters, with the usual presets. */
export function OrderDateRange({ label, from, to, onChange, minDate, maxDate, w = 220, testId }: Props) {
  const { t } = useTranslation();
  const today = formatDate(new Date());
  return (
    <DayRangeInput
      size="xs"
      w={w}
      label={label}
      placeholder={t('orders.filters.anyDate')}
      value={[from ?? null, to ?? null]}
      onChange={onChange}
      clearable
      minDate={minDate}
      maxDate={maxDate}
      presets={[
        { value: [today, today], label: t('orders.filters.today') },
        { value: [shift(today, -6), today], label: t('orders.filters.last7') },
        { value: [shift(today, -29), today], label: t('orders.filters.last30') },
        { value: [`${today.slice(0, 8)}01`, today], label: t('orders.filters.thisMonth') },
      ]}
      data-testid={testId}
    />
  );
}
