import { defineMessages } from '../define-messages';

export const nav = defineMessages({
  'zh-CN': {
    label: '主导航',
    items: {
      orders: '订单',
      cases: '工单',
      approvals: '审批',
      comms: '沟通记录',
      audit: '审计',
      dashboard: '看板',
      integration: '对接',
      settings: '设置',
    },
    shortcutHint: '快捷键：先按 G，再按 {{key}}',
  },
  en: {
    label: 'Main navigation',
    items: {
      orders: 'Orders',
      cases: 'Cases',
      approvals: 'Approvals',
      comms: 'Communications',
      audit: 'Audit',
      dashboard: 'Dashboard',
      integration: 'Integration',
      settings: 'Settings',
    },
    shortcutHint: 'Shortcut: press G, then {{key}}',
  },
});
