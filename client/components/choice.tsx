import { SegmentedControl, Text, type SegmentedControlProps } from '@mantine/core';
import type { ReactNode } from 'react';

type ChoiceProps<T extends string> = Omit<SegmentedControlProps, 'data' | 'value' | 'onChange'> & {
  /** The values to choose from, in the order shown. */
  values: readonly T[];
  value: T;
  onChange: (value: T) => void;
  /** Each value's label, in the user's language. */
  labelOf: (value: T) => string;
};

/** A segmented choice among fixed values, typed: the caller gets back one of `values`, never a bare string. */
export function Choice<T extends string>({ values, onChange, labelOf, ...rest }: ChoiceProps<T>) {
  return <SegmentedControl {...rest} data={values.map((value) => ({ value, label: labelOf(value) }))} onChange={(v) => onChange(v as T)} />;
}

/**
 * A Choice under a visible label that also names it to screen readers (a SegmentedControl has no
 * label of its own); `children` go below it (a hint).
 */
export function LabelledChoice<T extends string>({
  id,
  label,
  children,
  ...rest
}: ChoiceProps<T> & { id: string; label: ReactNode; children?: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4} id={id}>
        {label}
      </Text>
      <Choice aria-labelledby={id} {...rest} />
      {children}
    </div>
  );
}
