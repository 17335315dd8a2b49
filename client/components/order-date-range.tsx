import '@mantine/dates/styles.css';
import 'dayjs/locale/zh-cn';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';
import { useInLanguage } from '../i18n/use-in-language';

type Range = [string | null, string | null];

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

/**
 * A day range in Beijing time for the order screens' filters. Half a range (one click) stays
 * local until the second click, so the URL and the query only ever see a whole range.
 */
export function OrderDateRange({ label, from, to, onChange, minDate, maxDate, w = 220, testId }: Props) {
  const { t } = useTranslation();
  const inLanguage = useInLanguage();
  const [draft, setDraft] = useState<Range | null>(null);
  const today = formatDate(new Date());
  const value: Range = draft ?? [from ?? null, to ?? null];

  function change(next: Range) {
    const [a, b] = next;
    if ((a && b) || (!a && !b)) {
      setDraft(null);
      onChange(a ?? undefined, b ?? undefined);
    } else {
      setDraft(next);
    }
  }

  return (
    <DatesProvider settings={{ locale: inLanguage('zh-cn', 'en'), firstDayOfWeek: 1 }}>
      <DatePickerInput
        type="range"
        size="xs"
        w={w}
        label={label}
        placeholder={t('orders.filters.anyDate')}
        value={value}
        onChange={(v) => change([v[0] ? String(v[0]) : null, v[1] ? String(v[1]) : null])}
        onDropdownClose={() => setDraft(null)}
        valueFormat="YYYY-MM-DD"
        allowSingleDateInRange
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
    </DatesProvider>
  );
}
