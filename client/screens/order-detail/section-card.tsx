import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One block of facts on the order page: a titled card, with optional actions on the right. */
export function SectionCard({
  title,
  actions,
  children,
  testId,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId} component="section">
      <Group justify="space-between" align="center" mb="sm" wrap="nowrap" gap="xs" mih={28}>
        <Title order={2} size="h5" fw={650}>
          {title}
        </Title>
        {actions && (
          <Group gap="xs" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
      {children}
    </Paper>
  );
}
