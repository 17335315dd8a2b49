import { AppShell, Box } from '@mantine/core';
import { useDisclosure, useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { Outlet, useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { decidesIn } from '../../shared/roles';
import { useStaff } from '../auth/session';
import { CalendarCoverageNotice } from '../components/calendar-coverage-notice';
import { canUse, homePathFor, itemForShortcut, NAV_SECTIONS, navItemsFor } from '../navigation';
import { HeaderBar } from './header-bar';
import { NavBar } from './nav-bar';
import { OfflineBanner } from './offline-banner';
import { ShortcutsHelp } from './shortcuts-help';
import { useDocumentTitle } from './use-document-title';
import { useShortcuts } from './use-shortcuts';
import classes from './app-layout.module.css';

/** The navigation's widths: full (icon, label, shortcut) and collapsed to a rail of icons. */
export const NAV_WIDTH = 256;
export const NAV_RAIL_WIDTH = 64;
/** Below this window width the navigation starts collapsed (a laptop beside a call window). */
const NARROW = '(max-width: 1099px)';

// The frame around every signed-in screen: header (search, language, account), the role's
// navigation, and the current screen in the main area.
export function AppLayout() {
  const staff = useStaff();
  const navigate = useNavigate();
  const [navOpened, nav] = useDisclosure(false);
  const [helpOpened, setHelpOpened] = useState(false);
  // The staff member's own choice is remembered; without one, narrow windows get the rail.
  const [navPref, setNavPref] = useLocalStorage<'expanded' | 'collapsed' | null>({
    key: 'refund-desk.nav',
    defaultValue: null,
    getInitialValueInEffect: false,
  });
  const narrow = useMediaQuery(NARROW, typeof window !== 'undefined' && window.matchMedia(NARROW).matches, {
    getInitialValueInEffect: false,
  });
  const collapsed = navPref ? navPref === 'collapsed' : narrow;
  const searchRef = useRef<HTMLInputElement>(null);
  const items = navItemsFor(staff.role);
  const canSearch = canUse(staff.role, 'orders');

  useDocumentTitle();
  useShortcuts({
    onSearch: canSearch ? () => searchRef.current?.focus() : undefined,
    onGo: (key) => {
      const item = itemForShortcut(staff.role, key);
      if (item) void navigate({ to: NAV_SECTIONS[item].path });
      return item !== undefined;
    },
    onHelp: () => setHelpOpened(true),
  });

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: collapsed ? NAV_RAIL_WIDTH : NAV_WIDTH, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header className={classes.header}>
        <HeaderBar
          navOpened={navOpened}
          onToggleNav={nav.toggle}
          onShowShortcuts={() => setHelpOpened(true)}
          homePath={homePathFor(staff.role)}
          searchRef={canSearch ? searchRef : null}
        />
      </AppShell.Header>
      <AppShell.Navbar data-collapsed={collapsed || undefined} data-testid="app-navbar">
        <NavBar
          items={items}
          onNavigate={nav.close}
          collapsed={collapsed}
          onToggleCollapsed={() => setNavPref(collapsed ? 'expanded' : 'collapsed')}
        />
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        <OfflineBanner />
        {staff.role === 'admin' && (
          <Box mb="md">
            <CalendarCoverageNotice withLink />
          </Box>
        )}
        <Outlet />
      </AppShell.Main>
      <ShortcutsHelp
        opened={helpOpened}
        onClose={() => setHelpOpened(false)}
        items={items}
        withSearch={canSearch}
        withCases={decidesIn(staff.role, 'cases')}
      />
    </AppShell>
  );
}
