import { Button, EmptyState, Group, List, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconSearch } from '../../components/icons';

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
    <Stack py={48} px="lg" align="center" data-testid="orders-empty">
      <EmptyState
        icon={<IconSearch size={26} />}
        variant="light"
        color="gray"
        title={t('orders.empty.title')}
        description={t('orders.empty.body')}
        maw={560}
      >
        <List size="sm" c="dimmed" spacing={2} mt="xs" ta="left">
          <List.Item>{t('orders.empty.hintOrderNo')}</List.Item>
          <List.Item>{t('orders.empty.hintPhone')}</List.Item>
          <List.Item>{t('orders.empty.hintUid')}</List.Item>
          <List.Item>{t('orders.empty.hintEmail')}</List.Item>
          <List.Item>{t('orders.empty.hintText')}</List.Item>
        </List>
        {(filtered || paged) && (
          <EmptyState.Actions>
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
          </EmptyState.Actions>
        )}
      </EmptyState>
    </Stack>
  );
}
