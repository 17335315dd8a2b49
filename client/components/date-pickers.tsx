import '@mantine/dates/styles.css';
import 'dayjs/locale/zh-cn';
import { MantineThemeProvider, type MantineThemeOverride } from '@mantine/core';
import { DatePicker, DatePickerInput, DatesProvider, MonthPickerInput, type DatePickerInputProps } from '@mantine/dates';
import { useState, type ReactNode } from 'react';
import { useInLanguage } from '../i18n/use-in-language';

// Chinese calendars head a month "2026年12月", not dayjs's default "MMMM YYYY" ("十二月 2026").
const ZH_LABELS = { monthLabelFormat: 'YYYY年M月', yearLabelFormat: 'YYYY年', monthsListFormat: 'M月', decadeLabelFormat: 'YYYY' };
const NO_OVERRIDE: MantineThemeOverride = {};
const zhPickers: MantineThemeOverride = {
  components: {
    DatePickerInput: DatePickerInput.extend({ defaultProps: ZH_LABELS }),
    DatePicker: DatePicker.extend({ defaultProps: ZH_LABELS }),
    MonthPickerInput: MonthPickerInput.extend({ defaultProps: { yearLabelFormat: 'YYYY年', monthsListFormat: 'M月' } }),
  },
};

/** The console's date pickers: weeks start on Monday, month and day names (and headings) in the UI's language. */
export function LocalDates({ children }: { children: ReactNode }) {
  const inLanguage = useInLanguage();
  // one tree in both languages (switching language must not remount an open picker's form)
  return (
    <MantineThemeProvider theme={inLanguage(zhPickers, NO_OVERRIDE)}>
      <DatesProvider settings={{ locale: inLanguage('zh-cn', 'en'), firstDayOfWeek: 1 }}>{children}</DatesProvider>
    </MantineThemeProvider>
  );
}

/** local dates YYYY-MM-DD (Beijing time); null for an open end */
type RangeValue = [string | null, string | null];

type DayRangeInputProps = Omit<
  DatePickerInputProps<'range'>,
  'type' | 'value' | 'onChange' | 'onDropdownClose' | 'valueFormat' | 'allowSingleDateInRange'
> & {
  value: RangeValue;
  /** called once a range is whole (both ends) or cleared (neither) */
  onChange: (from: string | undefined, to: string | undefined) => void;
};

/**
 * A range of days, one day allowed. Half a range (one click) stays local until the second click,
 * so the URL and the query only ever see a whole range.
 */
export function DayRangeInput({ value, onChange, ...props }: DayRangeInputProps) {
  const [draft, setDraft] = useState<RangeValue | null>(null);

  function change(next: RangeValue) {
    const [a, b] = next;
    if ((a && b) || (!a && !b)) {
      setDraft(null);
      onChange(a ?? undefined, b ?? undefined);
    } else {
      setDraft(next);
    }
  }

  return (
    <LocalDates>
      <DatePickerInput
        type="range"
        {...props}
        value={draft ?? value}
        onChange={(v) => change([v[0] ? String(v[0]) : null, v[1] ? String(v[1]) : null])}
        onDropdownClose={() => setDraft(null)}
        valueFormat="YYYY-MM-DD"
        allowSingleDateInRange
      />
    </LocalDates>
  );
}
