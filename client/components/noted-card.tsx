import { Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A card of a report screen (dashboard, integration): its title, a dimmed note on the right, then its body. */
export function NotedCard({ title, note, testId, children }: { title: ReactNode; note: ReactNode; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" mb="md" data-testid={testId}>
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h5">
          {title}
        </Title>
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      </Group>
      {children}
    </Paper>
  );
}
