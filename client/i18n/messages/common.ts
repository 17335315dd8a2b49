import { defineMessages } from '../define-messages';

export const common = defineMessages({
  appName: ['退款工作台', 'Refund Desk'],
  loading: ['正在加载…', 'Loading…'],
  retry: ['重试', 'Try again'],
  roles: { agent: ['客服', 'Agent'], supervisor: ['主管', 'Supervisor'], auditor: ['审计', 'Auditor'], admin: ['管理员', 'Admin'] },
  languages: { 'zh-CN': ['简体中文', '简体中文'], en: ['English', 'English'] },
  languageShort: { 'zh-CN': ['中文', '中文'], en: ['EN', 'EN'] },
  beijingTime: ['北京时间', 'Beijing time'],
  timezoneNote: ['所有时间均为北京时间（UTC+8）', 'All times are Beijing time (UTC+8)'],
  serverUnavailable: [
    '暂时无法连接服务器，请检查网络后重试。',
    'The server cannot be reached right now. Check your connection and try again.',
  ],
  close: ['关闭', 'Close'],
});
