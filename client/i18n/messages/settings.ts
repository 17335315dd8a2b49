import { defineMessages, type MessageTree } from '../define-messages';
import { settingsCalendar, settingsSla } from './settings-calendar';
import { settingsPolicy } from './settings-policy';
import { settingsTemplates } from './settings-templates';

// Settings: the account tab here; the policy, calendar and template tabs in their own files,
// nested under settings.policy / settings.calendar / settings.sla / settings.templates.
const base = {
  title: ['设置', 'Settings'],
  subtitle: {
    staff: [
      '账号信息与偏好，以及大家共同遵循的退款政策、节假日日历和回复话术',
      'Your account and preferences, and the refund policy, holiday calendar and reply templates everyone works by',
    ],
    admin: ['退款政策版本与节假日日历，以及您的账号', 'Refund policy versions and the holiday calendar, and your account'],
  },
  tabs: {
    account: ['我的账号', 'My account'],
    policy: ['退款政策', 'Refund policy'],
    calendar: ['节假日日历', 'Holiday calendar'],
    templates: ['回复话术', 'Reply templates'],
  },
  account: ['我的账号', 'My account'],
  displayName: ['姓名', 'Name'],
  username: ['用户名', 'Username'],
  role: ['角色', 'Role'],
  approvalLimit: ['单笔审批额度', 'Approval limit'],
  noLimit: ['不适用', 'Not applicable'],
  unlimited: ['不限', 'No limit'],
  preferences: ['偏好设置', 'Preferences'],
  language: ['界面语言', 'Language'],
  languageHint: ['语言设置保存在本浏览器中。', 'Your language is remembered in this browser.'],
  timezone: ['时区', 'Time zone'],
  loadFailed: ['无法加载', 'Could not load'],
  actions: { cancel: ['取消', 'Cancel'], save: ['保存', 'Save'] },
  errors: {
    FORBIDDEN: ['您的角色不能执行此操作。', 'Your role may not do this.'],
    CONFLICT: ['数据已被其他人修改，请刷新后重试。', 'Someone else changed this meanwhile. Reload and try again.'],
    BAD_REQUEST: ['服务器拒绝了这次修改：', 'The server refused the change:'],
    NOT_FOUND: ['要修改的记录已不存在，可能已被其他人删除。', 'The record no longer exists; someone may have deleted it.'],
    network: ['暂时无法连接服务器，请检查网络后重试。', 'The server cannot be reached right now. Check your connection and try again.'],
    generic: ['操作失败，请稍后重试。', 'That did not work. Try again in a moment.'],
  },
} satisfies MessageTree;

export const settings = defineMessages({
  ...base,
  policy: settingsPolicy,
  calendar: settingsCalendar,
  sla: settingsSla,
  templates: settingsTemplates,
});
