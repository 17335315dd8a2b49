import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { useTRPCClient } from '../../trpc';
import type { UsageEvent } from './order-page-types';
import { downloadText, usageCsv } from './usage-csv';
import { usageInput, type UsageFilters } from './usage-input';

const EXPORT_PAGE = 1000; // the API's largest page

interface Props {
  orderNo: string;
  filters: UsageFilters;
  /** how many events the filters match, when known (for the progress text) */
  expected: number | null;
  disabled: boolean;
}

/** Exports the whole filtered log, not just what is loaded: every page is fetched, then saved as CSV. */
export function UsageExport({ orderNo, filters, expected, disabled }: Props) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function run() {
    const controller = new AbortController();
    abort.current = controller;
    setProgress(0);
    const events: UsageEvent[] = [];
    try {
      let cursor: string | null = null;
      do {
        const page = await client.orders.usage.query(
          { ...usageInput(orderNo, filters, EXPORT_PAGE), cursor },
          { signal: controller.signal },
        );
        events.push(...page.items);
        setProgress(events.length);
        cursor = page.nextCursor;
      } while (cursor);
      const csv = usageCsv(events, {
        headers: [
          t('orderDetail.csv.time'),
          t('orderDetail.csv.iso'),
          t('orderDetail.csv.kind'),
          t('orderDetail.csv.detail'),
          t('orderDetail.csv.value'),
          t('orderDetail.csv.ip'),
          t('orderDetail.csv.device'),
        ],
        kind: (kind) => t(`orderVocab.usageKind.${kind}`),
      });
      downloadText(`${orderNo}-usage${filters.kind ? `-${filters.kind}` : ''}-${formatDate(new Date())}.csv`, csv);
      notifications.show({ color: 'teal', message: t('orderDetail.export.done', { count: events.length }) });
    } catch {
      if (!controller.signal.aborted) {
        notifications.show({ color: 'red', title: t('orderDetail.export.failedTitle'), message: t('orderDetail.export.failed') });
      }
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }

  if (progress !== null) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed" data-testid="export-progress">
          {expected !== null
            ? t('orderDetail.export.progressOf', { loaded: progress, total: expected })
            : t('orderDetail.export.progress', { loaded: progress })}
        </Text>
        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => abort.current?.abort()}>
          {t('orderDetail.cancel')}
        </Button>
      </Group>
    );
  }
  return (
    <Button size="compact-xs" variant="default" onClick={() => void run()} disabled={disabled} data-testid="usage-export">
      {t('orderDetail.export.button')}
    </Button>
  );
}
