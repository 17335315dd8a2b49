import { EmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconHourglass } from './icons';

/**
 * An honest placeholder for a screen whose feature has not shipped yet: it says what will be
 * here, so nobody mistakes an empty screen for missing data.
 */
export function ComingSoon({ title, description, children }: { title: ReactNode; description: ReactNode; children?: ReactNode }) {
  return (
    <Paper withBorder radius="md" py={56} px="xl" data-testid="coming-soon">
      <EmptyState
        icon={<IconHourglass size={26} />}
        variant="light"
        title={title}
        description={description}
        maw={560}
        mx="auto"
      >
        {children && <EmptyState.Actions>{children}</EmptyState.Actions>}
      </EmptyState>
    </Paper>
  );
}
