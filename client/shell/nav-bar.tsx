import { Group, Kbd, NavLink, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { Link, useLocation } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../shared/roles';
import { NAV_SECTIONS } from '../navigation';
import { BeijingClock } from './beijing-clock';
import classes from './nav-bar.module.css';

export function NavBar({ items, onNavigate }: { items: readonly NavItem[]; onNavigate: () => void }) {
  const { t } = useTranslation();
  const pathname = useLocation({ select: (l) => l.pathname });

  return (
    <Stack h="100%" gap={0} justify="space-between">
      <ScrollArea component="nav" aria-label={t('nav.label')} className={classes.scroll} data-testid="main-nav">
        <Stack gap={2} p="sm">
          {items.map((item) => {
            const { path, icon: Icon, key } = NAV_SECTIONS[item];
            const active = pathname === path || pathname.startsWith(`${path}/`);
            return (
              <NavLink
                key={item}
                className={classes.link}
                label={t(`nav.items.${item}`)}
                leftSection={<Icon size={18} />}
                rightSection={
                  <Tooltip label={t('nav.shortcutHint', { key })} position="right" withArrow openDelay={400}>
                    <Group gap={2} wrap="nowrap" className={classes.hint} aria-hidden="true">
                      <Kbd size="xs">G</Kbd>
                      <Kbd size="xs">{key}</Kbd>
                    </Group>
                  </Tooltip>
                }
                active={active}
                aria-current={active ? 'page' : undefined}
                data-nav-item={item}
                onClick={onNavigate}
                renderRoot={(props) => <Link to={path} {...props} />}
              />
            );
          })}
        </Stack>
      </ScrollArea>
      <Group gap={6} className={classes.footer} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {t('common.beijingTime')}
        </Text>
        <BeijingClock />
      </Group>
    </Stack>
  );
}
