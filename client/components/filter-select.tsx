import { Select, type SelectProps } from '@mantine/core';

/** One filter's drop-down (audit log, communications): small and clearable; cleared is `undefined`. */
export function FilterSelect({
  value,
  onChange,
  testId,
  ...rest
}: Omit<SelectProps, 'value' | 'onChange' | 'size' | 'clearable'> & {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  testId: string;
}) {
  return <Select size="xs" clearable value={value ?? null} onChange={(v) => onChange(v ?? undefined)} data-testid={testId} {...rest} />;
}
