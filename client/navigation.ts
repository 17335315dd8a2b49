import type { ComponentType } from 'react';
import { HOME_BY_ROLE, NAV_BY_ROLE, type NavItem, type Role } from '../shared/roles';
import { IconChart, IconChecklist, IconInbox, IconMessages, IconReceipt, IconPlug, IconSettings, IconShield } from './components/icons';

// The console's sections: where each lives, its icon and its keyboard shortcut (G, then the
// key). Which sections a role sees comes from shared/roles.ts (NAV_BY_ROLE); the server checks
// the same permissions again on every procedure.
export interface NavSection {
  path: `/${NavItem}`;
  icon: ComponentType<{ size?: number | string }>;
  key: string;
}

export const NAV_SECTIONS: Record<NavItem, NavSection> = {
  orders: { path: '/orders', icon: IconReceipt, key: 'O' },
  cases: { path: '/cases', icon: IconInbox, key: 'C' },
  approvals: { path: '/approvals', icon: IconChecklist, key: 'A' },
  comms: { path: '/comms', icon: IconMessages, key: 'M' },
  audit: { path: '/audit', icon: IconShield, key: 'L' },
  dashboard: { path: '/dashboard', icon: IconChart, key: 'D' },
  integration: { path: '/integration', icon: IconPlug, key: 'I' },
  settings: { path: '/settings', icon: IconSettings, key: 'S' },
};

export function navItemsFor(role: Role): readonly NavItem[] {
  return NAV_BY_ROLE[role];
}

export function canUse(role: Role, item: NavItem): boolean {
  return NAV_BY_ROLE[role].includes(item);
}

/** Where a role starts after signing in (HOME_BY_ROLE: supervisors on their approvals queue). */
export function homePathFor(role: Role): NavSection['path'] {
  const home = HOME_BY_ROLE[role];
  return NAV_SECTIONS[canUse(role, home) ? home : (NAV_BY_ROLE[role][0] ?? 'settings')].path;
}

/** The section a shortcut key opens for this role, if any. */
export function itemForShortcut(role: Role, key: string): NavItem | undefined {
  return navItemsFor(role).find((item) => NAV_SECTIONS[item].key === key.toUpperCase());
}
