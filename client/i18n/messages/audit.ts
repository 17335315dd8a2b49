import { defineMessages } from '../define-messages';

export const audit = defineMessages({
  'zh-CN': {
    title: '审计',
    subtitle: '审计日志与抽检',
    comingTitle: '审计日志即将上线',
    comingBody: '这里将记录每一次状态变更和个人信息查看，并可抽检客服独立做出的退款决定。',
  },
  en: {
    title: 'Audit',
    subtitle: 'Audit log and quality review',
    comingTitle: 'The audit log is coming soon',
    comingBody: 'Every change of state and every reveal of personal data will be listed here, along with samples of decisions agents made alone for review.',
  },
});
