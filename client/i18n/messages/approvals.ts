import { defineMessages } from '../define-messages';

export const approvals = defineMessages({
  'zh-CN': {
    title: '审批',
    subtitle: '等待主管审批的退款',
    comingTitle: '审批队列即将上线',
    comingBody: '超出客服审批额度的退款和政策例外（如非标准核算、善意退款）将在这里等待主管审批。',
  },
  en: {
    title: 'Approvals',
    subtitle: 'Refunds waiting for a supervisor',
    comingTitle: 'The approval queue is coming soon',
    comingBody: 'Refunds above an agent’s limit and policy exceptions (non-standard quotes, goodwill refunds) will wait here for a supervisor’s decision.',
  },
});
