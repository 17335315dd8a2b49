import { Button, Checkbox, Group, Menu, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Choice } from '../../components/choice';
import { IconChevronDown } from '../../components/icons';
import { orderColumns, type OrderColumnId } from './order-columns';
import { DEFAULT_HIDDEN, type ColumnVisibility, type Density } from './use-orders-table-prefs';

interface Props {
  columnVisibility: ColumnVisibility;
  onColumnVisibilityChange: (next: ColumnVisibility) => void;
  density: Density;
  onDensityChange: (density: Density) => void;
}

const DENSITIES: readonly Density[] = ['compact', 'comfortable'];
const HIDEABLE = orderColumns.filter((c) => c.enableHiding !== false).map((c) => c.id as OrderColumnId);

/** Column choice and row density, remembered in this browser. */
export function TableSettings({ columnVisibility, onColumnVisibilityChange, density, onDensityChange }: Props) {
  const { t } = useTranslation();
  const hiddenCount = HIDEABLE.filter((id) => columnVisibility[id] === false).length;
  return (
    <Group gap="xs" wrap="nowrap">
      <Choice
        size="xs"
        values={DENSITIES}
        value={density}
        onChange={onDensityChange}
        labelOf={(d) => t(`orders.density.${d}`)}
        aria-label={t('orders.density.label')}
        data-testid="density"
      />
      <Menu position="bottom-end" closeOnItemClick={false} shadow="md" width={220}>
        <Menu.Target>
          <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />} data-testid="columns-menu">
            {hiddenCount > 0 ? t('orders.columnsHidden', { count: hiddenCount }) : t('orders.columnsButton')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('orders.columnsTitle')}</Menu.Label>
          <Stack gap={6} px="sm" py={4}>
            {HIDEABLE.map((id) => (
              <Checkbox
                key={id}
                size="xs"
                label={t(`orders.columns.${id}`)}
                checked={columnVisibility[id] !== false}
                onChange={(e) => onColumnVisibilityChange({ ...columnVisibility, [id]: e.currentTarget.checked })}
                data-testid={`column-toggle-${id}`}
              />
            ))}
          </Stack>
          <Menu.Divider />
          <Menu.Item onClick={() => onColumnVisibilityChange(DEFAULT_HIDDEN)}>
            <Text size="xs">{t('orders.columnsReset')}</Text>
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
