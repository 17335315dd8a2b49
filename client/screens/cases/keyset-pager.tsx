import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

// Keyset paging only knows "the page after this one". The trail remembers the cursors of the
// pages visited since the filters last changed, so Previous works and pages have numbers; the
// current position is found from the URL's cursor, so the browser's back button stays in step.
// A cursor reached by a link (not in the trail) still pages forward and back to the first page.
export function useCursorTrail(cursor: string | undefined) {
  const [trail, setTrail] = useState<(string | undefined)[]>([undefined]);
  const index = trail.indexOf(cursor);
  const anchored = trail[0] === undefined && index >= 0;
  return {
    pageNumber: anchored ? index + 1 : null,
    previous: index > 0 ? trail[index - 1] : undefined,
    recordNext(next: string) {
      setTrail(index >= 0 ? [...trail.slice(0, index + 1), next] : [cursor, next]);
    },
    reset() {
      setTrail([undefined]);
    },
  };
}

export type CursorTrail = ReturnType<typeof useCursorTrail>;

interface Props {
  trail: CursorTrail;
  cursor: string | undefined;
  nextCursor: string | null;
  count: number;
  onGo: (cursor: string | undefined) => void;
}

export function KeysetPager({ trail, cursor, nextCursor, count, onGo }: Props) {
  const { t } = useTranslation();
  if (cursor === undefined && !nextCursor) return null;
  return (
    <Group justify="space-between" px="md" py="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <Text size="xs" c="dimmed">
        {trail.pageNumber ? t('cases.queue.pager.page', { page: trail.pageNumber, count }) : t('cases.queue.pager.rows', { count })}
      </Text>
      <Group gap="xs">
        {cursor !== undefined && trail.previous !== undefined && (
          <Button size="xs" variant="subtle" onClick={() => onGo(undefined)}>
            {t('cases.queue.pager.first')}
          </Button>
        )}
        <Button
          size="xs"
          variant="default"
          disabled={cursor === undefined}
          onClick={() => onGo(trail.previous)}
          data-testid="page-previous"
        >
          {t('cases.queue.pager.previous')}
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={!nextCursor}
          onClick={() => {
            if (!nextCursor) return;
            trail.recordNext(nextCursor);
            onGo(nextCursor);
          }}
          data-testid="page-next"
        >
          {t('cases.queue.pager.next')}
        </Button>
      </Group>
    </Group>
  );
}
