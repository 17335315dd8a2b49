import { defineMessages } from '../define-messages';

export const comms = defineMessages({
  'zh-CN': {
    title: '沟通记录',
    subtitle: '与会员的全部沟通',
    comingTitle: '沟通记录即将上线',
    comingBody: '这里将汇总与会员的电话、在线客服、邮件、短信和站内信，包括系统发出的通知及其送达状态。',
  },
  en: {
    title: 'Communications',
    subtitle: 'Every conversation with members',
    comingTitle: 'Communications are coming soon',
    comingBody: 'Calls, chats, emails, text messages and in-app messages with members will be collected here, including the notices the console sends and whether they were delivered.',
  },
});
