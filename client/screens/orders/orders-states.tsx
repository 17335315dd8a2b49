import { Button, Group, List, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NoResults } from '../../components/status-page';

/** Grey bars where the first page of rows will be. */
export function OrdersSkeleton() {
  return (
    <Stack gap={10} p="sm" aria-busy="true" data-testid="orders-skeleton">
      {Array.from({ length: 10 }, (_, i) => (
        <Skeleton key={i} height={18} radius="sm" />
      ))}
    </Stack>
  );
}

interface EmptyProps {
  filtered: boolean;
  onClearFilters: () => void;
  paged: boolean;
  onFirstPage: () => void;
}

/** No order matched: say so, and say what the one search box understands. */
export function OrdersEmpty({ filtered, onClearFilters, paged, onFirstPage }: EmptyProps) {
  const { t } = useTranslation();
  return (
    <NoResults
      title={t('orders.empty.title')}
      description={t('orders.empty.body')}
      maw={560}
      testId="orders-empty"
      actions={
        (filtered || paged) && (
          <Group gap="xs" justify="center">
            {filtered && (
              <Button size="xs" variant="light" onClick={onClearFilters}>
                {t('orders.empty.clearFilters')}
              </Button>
            )}
            {paged && (
              <Button size="xs" variant="default" onClick={onFirstPage}>
                {t('orders.firstPage')}
              </Button>
            )}
          </Group>
        )
      }
    >
      <List size="sm" c="dimmed" spacing={2} mt="xs" ta="left">
        <List.Item>{t('orders.empty.hintOrderNo')}</List.Item>
        <List.Item>{t('orders.empty.hintPhone')}</List.Item>
        <List.Item>{t('orders.empty.hintUid')}</List.Item>
        <List.Item>{t('orders.empty.hintEmail')}</List.Item>
        <List.Item>{t('orders.empty.hintText')}</List.Item>
      </List>
    </NoResults>
  );
}
