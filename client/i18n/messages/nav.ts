import { defineMessages } from '../define-messages';

export const nav = defineMessages({
  label: ['主导航', 'Main navigation'],
  items: {
    orders: ['订单', 'Orders'],
    cases: ['工单', 'Cases'],
    approvals: ['审批', 'Approvals'],
    comms: ['沟通记录', 'Communications'],
    audit: ['审计', 'Audit'],
    dashboard: ['看板', 'Dashboard'],
    integration: ['对接', 'Integration'],
    settings: ['设置', 'Settings'],
  },
  shortcutHint: ['快捷键：先按 G，再按 {{key}}', 'Shortcut: press G, then {{key}}'],
});
