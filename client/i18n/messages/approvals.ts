import { defineMessages } from '../define-messages';

export const approvals = defineMessages({
  title: ['审批', 'Approvals'],
  subtitle: ['等待主管审批的退款', 'Refunds waiting for a supervisor'],
  count_one: ['{{count}} 笔退款等待审批', 'One refund waiting for approval'],
  count_other: ['{{count}} 笔退款等待审批，最早提交的在最前', '{{count}} refunds waiting for approval, the oldest first'],
  refresh: ['刷新', 'Refresh'],
  loadFailed: ['审批队列加载失败', 'The approval queue could not be loaded'],
  emptyTitle: ['没有等待审批的退款', 'No refunds waiting for approval'],
  emptyBody: [
    '超出客服额度的退款和政策例外（非标准核算、善意退款）提交后会出现在这里。',
    'Refunds above an agent’s limit and policy exceptions (non-standard quotes, goodwill refunds) appear here once proposed.',
  ],
  toQueue: ['查看团队工单', 'Show team cases'],
  orderNote: [
    '按提议时间排序，最早的在最前。批准即向会员退款；退回会把工单交还给处理人并附上你的意见。',
    'Ordered by when they were proposed, the oldest first. Approving pays the member back; sending back returns the case to its agent with your comment.',
  ],
  orderNoteReadOnly: [
    '按提议时间排序，最早的在最前。你可以查看每笔提议和核算明细；批准和退回由主管操作。',
    'Ordered by when they were proposed, the oldest first. You can read each proposal and its breakdown; supervisors approve or send back.',
  ],
  loadMore: ['加载更多', 'Load more'],
  ofPaid: ['实付 {{paid}}', 'of {{paid}} paid'],
  detailFailed: ['详情加载失败，请打开工单查看', 'Details could not be loaded: open the case'],
  proposedBy: ['{{who}} 于 {{at}} 提议', 'Proposed by {{who}} at {{at}}'],
  showQuote: ['查看核算明细', 'Show the breakdown'],
  hideQuote: ['收起核算明细', 'Hide the breakdown'],
  sendBack: ['退回', 'Send back'],
  approve: ['批准退款 {{amount}}', 'Approve {{amount}}'],
  approveShort: ['批准', 'Approve'],
  fourEyes: [
    '你在本工单上做过或提议过需主管审批的退款。根据双人复核规则，需由另一位主管审批。',
    'You made or proposed a refund needing a supervisor on this case. Under the four-eyes rule another supervisor must approve it.',
  ],
  stale: [
    '提议的核算已失效，不能批准。请退回提议人重新核算后再提交。',
    'The proposed quote is stale and cannot be approved. Send it back so the proposer recomputes and proposes again.',
  ],
  staleReadOnly: [
    '提议的核算已失效，不能批准；需由主管退回提议人重新核算后再提交。',
    'The proposed quote is stale and cannot be approved: a supervisor sends it back for the proposer to recompute and propose again.',
  ],
  staleNote: [
    '提议的核算已失效（{{reason}}），请重新核算后再提交审批。',
    'The proposed quote is stale ({{reason}}): please recompute and propose again.',
  ],
  sendBackNote: ['退回意见', 'Comment for the agent'],
  sendBackPlaceholder: [
    '告诉处理人需要补充或修改什么，例如：请补充扣款凭证后按使用记录重新核算。',
    'Tell the agent what to add or change, e.g. ask for the bank statement, then recompute on the usage evidence.',
  ],
  noteRequired: ['请填写退回意见', 'Write a comment for the agent'],
  cancel: ['取消', 'Cancel'],
  sendBackSubmit: ['退回给处理人', 'Send back to the agent'],
});
