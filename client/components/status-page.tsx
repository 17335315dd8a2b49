import { EmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  icon: ReactNode;
  color: string;
  title: ReactNode;
  description: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  testId: string;
}

/** The frame of the 404, no-access and error pages. */
export function StatusPage({ icon, color, title, description, actions, children, testId }: Props) {
  return (
    <Paper withBorder radius="md" py={56} px="xl" data-testid={testId}>
      <EmptyState icon={icon} variant="light" color={color} title={title} description={description} maw={560} mx="auto">
        {actions && <EmptyState.Actions>{actions}</EmptyState.Actions>}
        {children}
      </EmptyState>
    </Paper>
  );
}
