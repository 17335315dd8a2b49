import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './order-detail.module.css';

export type Fact = [label: string, value: ReactNode, testId?: string];

/** Label–value rows, dense: the order page shows many facts side by side. */
export function Facts({ rows, labelWidth = 96 }: { rows: (Fact | false | null | undefined | '')[]; labelWidth?: number }) {
  return (
    <dl className={classes.facts} style={{ gridTemplateColumns: `${labelWidth}px minmax(0, 1fr)` }}>
      {rows
        .filter((r): r is Fact => Boolean(r))
        .map(([label, value, testId]) => (
          <div key={label} className={classes.fact}>
            <Text component="dt" size="xs" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" data-testid={testId}>
              {value ?? '—'}
            </Text>
          </div>
        ))}
    </dl>
  );
}
