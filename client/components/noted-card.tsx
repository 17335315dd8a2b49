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

/** A card whose title has a dimmed note beneath it (integration and QA panels); `level` is its heading's rank. */
export function CaptionedCard({
  title,
  note,
  testId,
  level = 2,
  h,
  children,
}: {
  title: ReactNode;
  note: ReactNode;
  testId: string;
  level?: 2 | 3;
  h?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" mb={h ? undefined : 'md'} h={h} data-testid={testId}>
      <Title order={level} size="h5" mb={4}>
        {title}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {note}
      </Text>
      {children}
    </Paper>
  );
}

/** What a card says when it has nothing to list. */
export function EmptyNote({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" py="sm" ta="center" data-testid={testId}>
      {children}
    </Text>
  );
}
