import { Button, Group, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NoResults } from '../../components/status-page';

/** Where the first results will be: rows shaped like results. */
export function CommsSkeleton() {
  return (
    <Stack gap={0} aria-busy="true" data-testid="comms-skeleton">
      {Array.from({ length: 6 }, (_, i) => (
        <Group key={i} align="flex-start" gap="sm" wrap="nowrap" px="md" py="sm">
          <Skeleton height={30} circle />
          <Stack gap={6} style={{ flex: 1 }}>
            <Skeleton height={12} width="45%" radius="sm" />
            <Skeleton height={14} width={i % 2 ? '90%' : '70%'} radius="sm" />
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

/** Nothing matched, or nothing has been recorded at all. */
export function CommsEmpty({ narrowed, onClear }: { narrowed: boolean; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <NoResults
      title={t('comms.empty.title')}
      description={narrowed ? t('comms.empty.filtered') : t('comms.empty.none')}
      maw={520}
      testId="comms-empty"
      actions={
        narrowed && (
          <Button size="xs" variant="light" onClick={onClear} data-testid="comms-empty-clear">
            {t('comms.empty.clear')}
          </Button>
        )
      }
    />
  );
}
