import { Button, Group, Kbd, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface PagerProps {
  canPrevious: boolean;
  canNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

/** ‹ › beside the page figures at the top of the table (keyset pages: back and forth only). */
export function PagerArrows({ canPrevious, canNext, onPrevious, onNext }: PagerProps) {
  const { t } = useTranslation();
  return (
    <Button.Group>
      <Button size="compact-sm" variant="default" onClick={onPrevious} disabled={!canPrevious} aria-label={t('orders.previousPage')}>
        ‹
      </Button>
      <Button size="compact-sm" variant="default" onClick={onNext} disabled={!canNext} aria-label={t('orders.nextPage')}>
        ›
      </Button>
    </Button.Group>
  );
}

/** The table's foot: the keyboard hints and the page buttons. */
export function PagerFooter({ page, canPrevious, canNext, onPrevious, onNext }: PagerProps & { page: number }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" px="sm" py={8} wrap="nowrap" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} bg="white">
      <Text size="xs" c="dimmed" visibleFrom="sm">
        <Kbd size="xs">J</Kbd> <Kbd size="xs">K</Kbd> {t('orders.keysMove')} · <Kbd size="xs">Enter</Kbd> {t('orders.keysOpen')} ·{' '}
        <Kbd size="xs">/</Kbd> {t('orders.keysSearch')}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Button size="xs" variant="default" onClick={onPrevious} disabled={!canPrevious} data-testid="previous-page">
          {t('orders.previousPage')}
        </Button>
        <Text size="xs" c="dimmed" miw={48} ta="center">
          {t('orders.pageNumber', { page })}
        </Text>
        <Button size="xs" variant="default" onClick={onNext} disabled={!canNext} data-testid="next-page">
          {t('orders.nextPage')}
        </Button>
      </Group>
    </Group>
  );
}
