import { ActionIcon, Burger, Group, Text, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../components/brand-mark';
import { IconKeyboard } from '../components/icons';
import { GlobalSearch } from './global-search';
import { LanguageSwitch } from './language-switch';
import { UserMenu } from './user-menu';
import classes from './header-bar.module.css';

interface Props {
  navOpened: boolean;
  onToggleNav: () => void;
  onShowShortcuts: () => void;
  homePath: string;
  /** Absent for roles that cannot search orders (admin). */
  searchRef: RefObject<HTMLInputElement | null> | null;
}

export function HeaderBar({ navOpened, onToggleNav, onShowShortcuts, homePath, searchRef }: Props) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="md" gap="md" wrap="nowrap" justify="space-between">
      <Group gap="sm" wrap="nowrap" className={classes.brandArea}>
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label={t('shell.toggleNav')} />
        <Link to={homePath} className={classes.brand}>
          <BrandMark />
          <Text fw={700} size="lg" className={classes.productName} data-testid="product-name">
            {t('common.appName')}
          </Text>
        </Link>
      </Group>
      <div className={classes.searchArea}>{searchRef && <GlobalSearch inputRef={searchRef} />}</div>
      <Group gap="xs" wrap="nowrap">
        <Tooltip label={t('shell.shortcuts.open')} withArrow>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={onShowShortcuts}
            aria-label={t('shell.shortcuts.open')}
            visibleFrom="md"
          >
            <IconKeyboard size={20} />
          </ActionIcon>
        </Tooltip>
        <LanguageSwitch />
        <UserMenu />
      </Group>
    </Group>
  );
}
