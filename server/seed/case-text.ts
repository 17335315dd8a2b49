// What members write and what agents note, in the words a support desk sees every day.
import { formatFen } from '../../shared/refund';
import { pick, type Rng } from './prng';

export type CaseReason = 'mistaken_purchase' | 'unused' | 'dissatisfied' | 'duplicate_charge' | 'unwanted_renewal' | 'other';

const STATEMENTS: Record<CaseReason, readonly string[]> = {
  mistaken_purchase: [
    '孩子拿我手机看动画，不小心点了开通{{plan}}，我完全不知道，麻烦帮忙退款。',
    '本来想买月卡，结果手滑点成了{{plan}}，还没用过，能退吗？',
    '看错了价格，以为是活动价就付款了，申请退回。',
    '误操作开通了会员，付款后马上就后悔了，请尽快处理。',
  ],
  unused: [
    '买了{{plan}}以后一直没时间看，一次都没用过，现在不需要了，申请退款。',
    '开通后发现想看的剧不在会员片库里，一直没激活，想退掉。',
    '帮朋友买的，结果朋友已经有会员了，没有使用过。',
  ],
  dissatisfied: [
    '最近想看的番都没有更新，高清画质还经常卡顿，{{plan}}剩下的天数请退给我。',
    '会员还要看广告，和宣传的不一样，要求退还剩余费用。',
    '客服说好的权益没有到账，体验很差，申请退剩下的钱。',
    '片库太少了，开了会员也没什么能看的，剩余部分申请退款。',
  ],
  duplicate_charge: [
    '第一次付款提示失败，我又付了一次，结果银行扣了两次钱！请退回多扣的那笔。',
    '同一个会员被扣了两次款，只想要一份，麻烦退掉重复的。',
    '支付时网络卡住了，点了两次，现在账单上有两笔{{amount}}的扣款。',
  ],
  unwanted_renewal: [
    '我没有想续费，系统自动扣了{{amount}}，之前根本不知道开了自动续费。',
    '上个月就不想用了，忘记关自动续费，又被扣款了，申请退回并关闭续费。',
    '自动续费扣款前没有收到任何提醒，要求退款。',
  ],
  other: [
    '账号被盗，有人用我的账号开通了会员，申请退款并冻结。',
    '换了新账号，旧账号上的会员想退掉。',
    '家里人重复给我买了会员，想退掉其中一个。',
  ],
};

export function statement(r: Rng, reason: CaseReason, vars: { plan: string; amount: string }): string {
  return pick(r, STATEMENTS[reason]).replace('{{plan}}', vars.plan).replace('{{amount}}', vars.amount);
}

export const ACKS = [
  '您好，已收到您的退款申请，我们会在 3 个工作日内核实处理，请耐心等待。',
  '您好，这边已为您登记退款工单，正在核对订单和使用记录，有结果会第一时间通知您。',
  '收到，正在为您查询订单情况，请稍候。',
];

export const REVIEW_NOTES = [
  '已核对订单、支付流水与激活记录，按政策核算退款金额。',
  '查看了使用记录，会员期内有登录和播放记录，按已用天数折算。',
  '订单信息核实无误，核算结果见报价。',
  '会员未激活，无使用记录，核对支付时间。',
];

/**
 * The proposal's note says why it goes to a supervisor — and it is true of the quote: an
 * exception basis, an amount above the agent's limit, or (within the limit) the member asking for
 * a supervisor's review. Seeded notes once said "above the agent's limit" on ¥14 proposals.
 */
export function proposeNote(
  q: { basis: 'calendar' | 'evidence'; result: { amountFen: number; needsSupervisor: boolean } },
  limitFen: number,
): string {
  const amount = formatFen(q.result.amountFen);
  if (q.basis === 'evidence') return `会员对已用天数有异议，按使用记录核算（${amount}），属例外情况，提交主管审批。`;
  if (q.result.amountFen > limitFen) return `按自然日核算 ${amount}，超出坐席审批额度，提交主管审批。`;
  return `按自然日核算 ${amount}，在坐席额度内；会员要求主管复核，提交审批。`;
}

export const APPEALS = [
  '我对驳回结果有异议，购买后确实没有怎么用，请再帮我看一下。',
  '我是因为服务问题才申请的，希望能重新审核。',
  '补充一下：当时页面没有写清楚不能退款，请再核实。',
];

export const REOPEN_NOTES = ['会员提出申诉并补充说明，重新打开工单复核。', '主管抽检后要求复核，重新打开。'];

export const APPLE_NOTES = ['苹果应用内购买订单，平台无法直接退款，已告知会员通过 App Store 申请，工单关闭。'] as const;

export const CALL_SUMMARIES = ['来电：会员询问退款进度，已说明审核时效。', '来电：会员情绪较急，已安抚并说明处理流程。'];

export const QA_COMMENTS = {
  correct: ['核算与政策一致，沟通到位。', '金额正确，话术规范。', ''],
  incorrect: ['已用天数计算有误，应按激活日起算，请复核。', '未先确认是否重复扣款，流程不规范。'],
} as const;
