import { useNavigate, useSearch } from '@tanstack/react-router';
import { ALLOW, type Role } from '../../../shared/roles';

// Settings' sections live in the URL (?tab=calendar&year=2027), so a link or a reload lands on
// the same view. The route declares no search schema, so the values are read defensively here.
export const SETTINGS_TABS = ['account', 'policy', 'calendar', 'templates'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

/** Every role reads the policy and the calendar; the reply library is not the admin's (server: ALLOW.read). */
export function tabsFor(role: Role): SettingsTab[] {
  return SETTINGS_TABS.filter((tab) => tab !== 'templates' || (ALLOW.read as readonly Role[]).includes(role));
}

/** An admin comes to Settings to administer; everyone else mostly for their account. */
function defaultTab(role: Role): SettingsTab {
  return role === 'admin' ? 'policy' : 'account';
}

interface SettingsSearch {
  tab?: string;
  year?: number | string;
}

export function useSettingsSearch(role: Role) {
  const search = useSearch({ strict: false }) as SettingsSearch;
  const navigate = useNavigate();
  const allowed = tabsFor(role);
  const tab = allowed.find((t) => t === search.tab) ?? defaultTab(role);
  const yearNumber = Number(search.year);
  const year = Number.isInteger(yearNumber) && yearNumber >= 2000 && yearNumber <= 2100 ? yearNumber : undefined;

  return {
    tab,
    year,
    setTab: (next: SettingsTab) => void navigate({ to: '/settings', search: { tab: next } }),
    setYear: (next: number) => void navigate({ to: '/settings', search: { tab: 'calendar', year: next }, replace: true }),
  };
}
