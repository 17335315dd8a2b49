import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../shared/roles';
import { NAV_SECTIONS } from '../navigation';

interface Props {
  opened: boolean;
  onClose: () => void;
  items: readonly NavItem[];
  withSearch: boolean;
  /** the case page's keys (log a contact, go to the decision) for those who work cases */
  withCases: boolean;
}

function Row({ keys, label }: { keys: string[]; label: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm">{label}</Text>
      <Group gap={4} wrap="nowrap">
        {keys.map((k, i) => (
          <Group gap={4} key={k} wrap="nowrap">
            {i > 0 && (
              <Text size="xs" c="dimmed">
                {t('shell.shortcuts.then')}
              </Text>
            )}
            <Kbd size="sm">{k}</Kbd>
          </Group>
        ))}
      </Group>
    </Group>
  );
}

export function ShortcutsHelp({ opened, onClose, items, withSearch, withCases }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('shell.shortcuts.title')} size="sm" centered>
      <Stack gap="sm">
        {withSearch && <Row keys={['/']} label={t('shell.shortcuts.focusSearch')} />}
        {withSearch && <Row keys={['Esc']} label={t('shell.shortcuts.clearSearch')} />}
        {items.map((item) => (
          <Row key={item} keys={['G', NAV_SECTIONS[item].key]} label={t('shell.shortcuts.goTo', { section: t(`nav.items.${item}`) })} />
        ))}
        {withCases && <Row keys={['C']} label={t('shell.shortcuts.caseLog')} />}
        {withCases && <Row keys={['D']} label={t('shell.shortcuts.caseDecision')} />}
        <Row keys={['?']} label={t('shell.shortcuts.help')} />
      </Stack>
    </Modal>
  );
}
