import { defineMessages } from '../define-messages';

export const dashboard = defineMessages({
  'zh-CN': {
    title: '看板',
    subtitle: '退款数据概览',
    comingTitle: '数据看板即将上线',
    comingBody: '这里将按日期、原因、渠道、会员类型和客服展示退款笔数与金额，以及审批率、驳回率、SLA 超时和政策例外，并支持导出 CSV。',
  },
  en: {
    title: 'Dashboard',
    subtitle: 'Refunds at a glance',
    comingTitle: 'The dashboard is coming soon',
    comingBody: 'Refund counts and amounts by day, reason, channel, plan and agent will be shown here, with approval and rejection rates, SLA breaches and exceptions, all exportable to CSV.',
  },
});
