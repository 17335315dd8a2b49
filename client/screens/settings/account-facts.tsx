import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label–value rows, as on an ID card. */
export function AccountFacts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Stack gap="sm" component="dl" m={0}>
      {rows.map(([label, value]) => (
        <Group key={label} gap="md" wrap="nowrap" align="center">
          <Text component="dt" size="sm" c="dimmed" w={140} style={{ flex: 'none' }}>
            {label}
          </Text>
          <Text component="dd" size="sm" fw={500} m={0}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
