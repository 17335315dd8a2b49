import { defineMessages } from '../define-messages';

export const common = defineMessages({
  'zh-CN': {
    appName: '退款工作台',
    loading: '正在加载…',
    retry: '重试',
    roles: { agent: '客服', supervisor: '主管', auditor: '审计', admin: '管理员' },
    languages: { 'zh-CN': '简体中文', en: 'English' },
    languageShort: { 'zh-CN': '中文', en: 'EN' },
    beijingTime: '北京时间',
    timezoneNote: '所有时间均为北京时间（UTC+8）',
    serverUnavailable: '暂时无法连接服务器，请检查网络后重试。',
    close: '关闭',
  },
  en: {
    appName: 'Refund Desk',
    loading: 'Loading…',
    retry: 'Try again',
    roles: { agent: 'Agent', supervisor: 'Supervisor', auditor: 'Auditor', admin: 'Admin' },
    languages: { 'zh-CN': '简体中文', en: 'English' },
    languageShort: { 'zh-CN': '中文', en: 'EN' },
    beijingTime: 'Beijing time',
    timezoneNote: 'All times are Beijing time (UTC+8)',
    serverUnavailable: 'The server cannot be reached right now. Check your connection and try again.',
    close: 'Close',
  },
});
