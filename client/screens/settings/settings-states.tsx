import { Alert, Button, Paper, Skeleton, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconRefresh } from '../../components/icons';
import { useSettingsErrorText } from './settings-error';

/** A card-shaped placeholder while a section loads. */
export function SectionSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <Paper withBorder radius="md" p="lg" aria-busy="true">
      <Stack gap="sm">
        <Skeleton height={22} width="30%" />
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} height={14} width={`${90 - i * 12}%`} />
        ))}
      </Stack>
    </Paper>
  );
}

/** A section that could not load: what happened and a way to try again. */
export function LoadError({ error, onRetry, title, testId }: { error: unknown; onRetry: () => void; title?: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const errorText = useSettingsErrorText();
  const text = errorText(error);
  return (
    <Alert color="red" icon={<IconAlert />} title={title ?? t('settings.loadFailed')} data-testid={testId}>
      <Stack gap="xs" align="flex-start">
        {text.title}
        {text.detail && text.detail !== text.title ? ` (${text.detail})` : null}
        <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}
