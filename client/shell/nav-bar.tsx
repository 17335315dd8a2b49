import { ActionIcon, Group, Kbd, NavLink, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { Link, useLocation } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../shared/roles';
import { IconChevronDown } from '../components/icons';
import { NAV_SECTIONS } from '../navigation';
import { BeijingClock } from './beijing-clock';
import classes from './nav-bar.module.css';

interface Props {
  items: readonly NavItem[];
  onNavigate: () => void;
  /** a rail of icons (each named by its tooltip and accessible name) instead of the full list */
  collapsed?: boolean;
  onToggleCollapsed?: () => void;
}

export function NavBar({ items, onNavigate, collapsed = false, onToggleCollapsed }: Props) {
  const { t } = useTranslation();
  const pathname = useLocation({ select: (l) => l.pathname });
  const toggleLabel = collapsed ? t('shell.expandNav') : t('shell.collapseNav');

  return (
    <Stack h="100%" gap={0} justify="space-between">
      <ScrollArea component="nav" aria-label={t('nav.label')} className={classes.scroll} data-testid="main-nav">
        <Stack gap={2} p={collapsed ? 8 : 'sm'}>
          {items.map((item) => {
            const { path, icon: Icon, key } = NAV_SECTIONS[item];
            const active = pathname === path || pathname.startsWith(`${path}/`);
            const label = t(`nav.items.${item}`);
            const link = (
              <NavLink
                key={item}
                className={classes.link}
                data-compact={collapsed || undefined}
                label={collapsed ? undefined : label}
                aria-label={collapsed ? label : undefined}
                leftSection={<Icon size={collapsed ? 20 : 18} />}
                rightSection={
                  collapsed ? undefined : (
                    <Tooltip label={t('nav.shortcutHint', { key })} position="right" withArrow openDelay={400}>
                      <Group gap={2} wrap="nowrap" className={classes.hint} aria-hidden="true">
                        <Kbd size="xs">G</Kbd>
                        <Kbd size="xs">{key}</Kbd>
                      </Group>
                    </Tooltip>
                  )
                }
                active={active}
                aria-current={active ? 'page' : undefined}
                data-nav-item={item}
                onClick={onNavigate}
                renderRoot={(props) => <Link to={path} {...props} />}
              />
            );
            return collapsed ? (
              <Tooltip key={item} label={`${label} · G ${key}`} position="right" withArrow>
                {link}
              </Tooltip>
            ) : (
              link
            );
          })}
        </Stack>
      </ScrollArea>
      <Group gap={6} className={classes.footer} wrap="nowrap" justify={collapsed ? 'center' : 'space-between'}>
        {!collapsed && (
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {t('common.beijingTime')}
            </Text>
            <BeijingClock />
          </Group>
        )}
        {onToggleCollapsed && (
          <Tooltip label={toggleLabel} position="right" withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={onToggleCollapsed}
              aria-label={toggleLabel}
              aria-expanded={!collapsed}
              visibleFrom="sm"
              data-testid="nav-collapse"
            >
              <IconChevronDown size={18} style={{ transform: collapsed ? 'rotate(-90deg)' : 'rotate(90deg)' }} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Stack>
  );
}
