import { Tabs } from '@mantine/core';
import { useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../auth/session';
import { PageHeader } from '../../components/page-header';
import { AccountTab } from './account-tab';
import { CalendarTab } from './calendar-tab';
import { PolicyTab } from './policy-tab';
import { IconCalendar, IconScale, IconTemplate, IconUserCircle } from './settings-icons';
import { tabsFor, useSettingsSearch, type SettingsTab } from './settings-tabs';
import { TemplatesTab } from './templates-tab';

const TAB_ICONS: Record<SettingsTab, ComponentType<{ size?: number }>> = {
  account: IconUserCircle,
  policy: IconScale,
  calendar: IconCalendar,
  templates: IconTemplate,
};

/** Settings: my account, then the rules everyone works by (policy, calendar, reply library). */
export function SettingsScreen() {
  const { t } = useTranslation();
  const staff = useStaff();
  const { tab, setTab } = useSettingsSearch(staff.role);
  const tabs = tabsFor(staff.role);
  // A tab's content mounts on first visit and then stays (hidden) while another tab is shown,
  // so an admin's unpublished policy draft survives a look at the calendar.
  const [visited, setVisited] = useState<SettingsTab[]>([tab]);
  if (!visited.includes(tab)) setVisited([...visited, tab]);
  const seen = (key: SettingsTab) => visited.includes(key);

  return (
    <>
      <PageHeader title={t('settings.title')} description={t(`settings.subtitle.${staff.role === 'admin' ? 'admin' : 'staff'}`)} />
      <Tabs value={tab} onChange={(value) => value && setTab(value as SettingsTab)} data-testid="settings-tabs">
        <Tabs.List mb="lg">
          {tabs.map((key) => {
            const Icon = TAB_ICONS[key];
            return (
              <Tabs.Tab key={key} value={key} leftSection={<Icon size={16} />} data-testid={`settings-tab-${key}`}>
                {t(`settings.tabs.${key}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="account">{seen('account') && <AccountTab />}</Tabs.Panel>
        <Tabs.Panel value="policy">{seen('policy') && <PolicyTab />}</Tabs.Panel>
        <Tabs.Panel value="calendar">{seen('calendar') && <CalendarTab />}</Tabs.Panel>
        {tabs.includes('templates') && <Tabs.Panel value="templates">{seen('templates') && <TemplatesTab />}</Tabs.Panel>}
      </Tabs>
    </>
  );
}
