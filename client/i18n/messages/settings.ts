import { defineMessages } from '../define-messages';
import { settingsCalendar, settingsSla } from './settings-calendar';
import { settingsPolicy } from './settings-policy';
import { settingsTemplates } from './settings-templates';

// Settings: the account tab here; the policy, calendar and template tabs in their own files,
// nested under settings.policy / settings.calendar / settings.sla / settings.templates.
const base = defineMessages({
  'zh-CN': {
    title: '设置',
    subtitle: {
      staff: '账号信息与偏好，以及大家共同遵循的退款政策、节假日日历和回复话术',
      admin: '退款政策版本与节假日日历，以及您的账号',
    },
    tabs: { account: '我的账号', policy: '退款政策', calendar: '节假日日历', templates: '回复话术' },
    account: '我的账号',
    displayName: '姓名',
    username: '用户名',
    role: '角色',
    approvalLimit: '单笔审批额度',
    noLimit: '不适用',
    unlimited: '不限',
    preferences: '偏好设置',
    language: '界面语言',
    languageHint: '语言设置保存在本浏览器中。',
    timezone: '时区',
    loadFailed: '无法加载',
    actions: { cancel: '取消', save: '保存' },
    errors: {
      FORBIDDEN: '您的角色不能执行此操作。',
      CONFLICT: '数据已被其他人修改，请刷新后重试。',
      BAD_REQUEST: '服务器拒绝了这次修改：',
      NOT_FOUND: '要修改的记录已不存在，可能已被其他人删除。',
      network: '暂时无法连接服务器，请检查网络后重试。',
      generic: '操作失败，请稍后重试。',
    },
  },
  en: {
    title: 'Settings',
    subtitle: {
      staff: 'Your account and preferences, and the refund policy, holiday calendar and reply templates everyone works by',
      admin: 'Refund policy versions and the holiday calendar, and your account',
    },
    tabs: { account: 'My account', policy: 'Refund policy', calendar: 'Holiday calendar', templates: 'Reply templates' },
    account: 'My account',
    displayName: 'Name',
    username: 'Username',
    role: 'Role',
    approvalLimit: 'Approval limit',
    noLimit: 'Not applicable',
    unlimited: 'No limit',
    preferences: 'Preferences',
    language: 'Language',
    languageHint: 'Your language is remembered in this browser.',
    timezone: 'Time zone',
    loadFailed: 'Could not load',
    actions: { cancel: 'Cancel', save: 'Save' },
    errors: {
      FORBIDDEN: 'Your role may not do this.',
      CONFLICT: 'Someone else changed this meanwhile. Reload and try again.',
      BAD_REQUEST: 'The server refused the change:',
      NOT_FOUND: 'The record no longer exists; someone may have deleted it.',
      network: 'The server cannot be reached right now. Check your connection and try again.',
      generic: 'That did not work. Try again in a moment.',
    },
  },
});

export const settings = defineMessages({
  'zh-CN': {
    ...base['zh-CN'],
    policy: settingsPolicy['zh-CN'],
    calendar: settingsCalendar['zh-CN'],
    sla: settingsSla['zh-CN'],
    templates: settingsTemplates['zh-CN'],
  },
  en: {
    ...base.en,
    policy: settingsPolicy.en,
    calendar: settingsCalendar.en,
    sla: settingsSla.en,
    templates: settingsTemplates.en,
  },
});
