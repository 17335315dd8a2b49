import type { ComponentType } from 'react';
import type { NavItem } from '../shared/roles';
import { useStaff } from './auth/session';
import { NoAccessPage } from './components/no-access-page';
import { canUse } from './navigation';

export type LazyScreen = ComponentType & { preload?: () => Promise<void> | undefined };

/**
 * A section's screen, shown only to roles whose navigation (NAV_BY_ROLE) includes the section;
 * any other role gets the no-access page. Not being allowed is an answer, not an error, so it
 * is rendered rather than thrown. The server checks every procedure again: this is only so
 * the user sees a clear page instead of a screen full of refused calls.
 */
export function sectionScreen(item: NavItem, Screen: LazyScreen) {
  function SectionScreen() {
    const staff = useStaff();
    return canUse(staff.role, item) ? <Screen /> : <NoAccessPage item={item} />;
  }
  SectionScreen.displayName = `Section(${item})`;
  // The router fetches a lazy screen's code before showing it (no loading flash between screens).
  SectionScreen.preload = Screen.preload;
  return SectionScreen;
}
