import { CloseButton, Code, Group, Kbd, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { classifySearch } from '../../../shared/search-query';

/** Says how the one search box understood the query (phone tail, uid, nickname…), with a way to clear it. */
export function QueryHint({ q, onClear }: { q: string; onClear: () => void }) {
  const { t } = useTranslation();
  const key = classifySearch(q);
  if (!key) return null;
  return (
    <Group gap={6} wrap="nowrap" data-testid="order-query" data-kind={key.kind}>
      <Text size="sm" c="dimmed">
        {t(`orders.queryKind.${key.kind}`)}
      </Text>
      <Code fz="sm">{q}</Code>
      <CloseButton size="sm" aria-label={t('orders.clearQuery')} onClick={onClear} data-testid="clear-query" />
      <Text size="xs" c="dimmed" data-testid="query-esc-hint">
        <Kbd size="xs">Esc</Kbd> {t('orders.escHint')}
      </Text>
    </Group>
  );
}
