import { Button, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { csvExportHref, type CsvExportKind } from '../../components/audit-csv-export';
import { IconChevronDown } from '../../components/icons';
import type { DayRange } from './dashboard-range';

const KINDS = ['cases', 'refunds', 'communications'] as const satisfies readonly CsvExportKind[];

/** CSV downloads for the range: plain links, the browser sends the session cookie. */
export function ExportMenu({ range }: { range: DayRange }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" width={280} withinPortal>
      <Menu.Target>
        <Button variant="default" rightSection={<IconChevronDown size={14} />} data-testid="dash-export">
          {t('dashboard.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('dashboard.export.label', { from: range.from, to: range.to })}</Menu.Label>
        {KINDS.map((kind) => (
          <Menu.Item key={kind} component="a" href={csvExportHref(kind, range)} download data-testid={`dash-export-${kind}`}>
            <Text size="sm">{t(`dashboard.export.${kind}`)}</Text>
            <Text size="xs" c="dimmed">
              {t(`dashboard.export.${kind}Note`)}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
