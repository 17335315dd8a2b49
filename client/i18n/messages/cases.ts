import { defineMessages } from '../define-messages';

export const cases = defineMessages({
  'zh-CN': {
    title: '工单',
    subtitle: '退款工单队列',
    comingTitle: '工单队列即将上线',
    comingBody: '这里将列出待处理的退款工单，按 SLA 截止时间排序，并可按状态、退款原因、渠道和处理人筛选。',
    detail: {
      title: '工单 {{caseNo}}',
      subtitle: '工单的完整处理过程',
      comingTitle: '工单详情即将上线',
      comingBody: '这里将展示工单的每一步：退款核算及其明细、审批决定、退款执行结果，以及与会员的全部沟通。',
    },
  },
  en: {
    title: 'Cases',
    subtitle: 'The refund case queue',
    comingTitle: 'The case queue is coming soon',
    comingBody: 'Open refund cases will be listed here, ordered by SLA due time, with filters for status, reason, channel and assignee.',
    detail: {
      title: 'Case {{caseNo}}',
      subtitle: 'The full history of a case',
      comingTitle: 'Case details are coming soon',
      comingBody: 'This page will show every step of the case: quotes and their breakdowns, decisions, refund execution and every communication with the member.',
    },
  },
});
