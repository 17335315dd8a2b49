import { Button, EmptyState, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconRefresh, IconSearch } from './icons';

interface Props {
  icon: ReactNode;
  color?: string;
  title: ReactNode;
  description: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  testId: string;
  /** the text's width (560 by default) */
  maw?: number;
  /** the panel's padding above and below (56 by default) */
  py?: number;
  mb?: string;
}

/**
 * A panel that says why there is nothing to show: the frame of the 404, no-access and error
 * pages, and of an empty list's card (nothing to approve, no data yet).
 */
export function StatusPage({ icon, color, title, description, actions, children, testId, maw = 560, py = 56, mb }: Props) {
  return (
    <Paper withBorder radius="md" py={py} px="xl" mb={mb} data-testid={testId}>
      <EmptyState icon={icon} variant="light" color={color} title={title} description={description} maw={maw} mx="auto">
        {actions && <EmptyState.Actions>{actions}</EmptyState.Actions>}
        {children}
      </EmptyState>
    </Paper>
  );
}

/** Something failed (a screen's code, a case that would not load): a red alert, what failed, the ways out (`actions`) and Retry. */
export function FailurePage({ onRetry, actions, ...rest }: Omit<Props, 'icon' | 'color' | 'maw' | 'py' | 'mb'> & { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <StatusPage
      {...rest}
      icon={<IconAlert size={28} />}
      color="red"
      actions={
        <>
          {actions}
          <Button leftSection={<IconRefresh size={16} />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </>
      }
    />
  );
}

/** A search that found nothing: a grey magnifier, what to try, and (`actions`) the ways to widen it. */
export function NoResults({ title, description, actions, children, testId, maw }: Omit<Props, 'icon' | 'color' | 'py' | 'mb'>) {
  return (
    <Stack py={48} px="lg" align="center" data-testid={testId}>
      <EmptyState icon={<IconSearch size={26} />} variant="light" color="gray" title={title} description={description} maw={maw}>
        {children}
        {actions && <EmptyState.Actions>{actions}</EmptyState.Actions>}
      </EmptyState>
    </Stack>
  );
}
