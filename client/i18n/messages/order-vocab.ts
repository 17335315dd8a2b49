import { defineMessages } from '../define-messages';

// The domain's closed vocabularies as the order screens show them (docs/spec.md §2).
export const orderVocab = defineMessages({
  status: {
    payment_failed: ['支付失败', 'Payment failed'],
    paid: ['已支付', 'Paid'],
    partially_refunded: ['部分退款', 'Partly refunded'],
    refunded: ['已退款', 'Refunded'],
  },
  anomaly: { duplicate_charge: ['重复扣款', 'Duplicate charge'], chargeback: ['拒付', 'Chargeback'], risk_hold: ['风控冻结', 'Risk hold'] },
  anomalyExplain: {
    duplicate_charge: [
      '同一会员同一商品在几分钟内被重复扣款：一笔多余的扣款，无论会员类型和时间，未激活未使用时可全额退回。',
      'The same member was charged twice for the same plan within minutes: one charge too many. Never activated or used, it is refunded in full, whatever the tier or its age.',
    ],
    chargeback: [
      '会员已通过发卡行或支付机构发起拒付，款项可能已被划回。请勿在此退款，交由主管调查。',
      'The member disputed the payment with their bank or payment provider; the money may already have been pulled back. Do not refund here: a supervisor investigates.',
    ],
    risk_hold: [
      '该订单被风控系统冻结，疑似异常交易。冻结解除前不能退款，请交由主管调查。',
      'Risk control froze this order as a suspected irregular transaction. No refund until the hold is lifted: a supervisor investigates.',
    ],
  },
  tier: { standard: ['普通会员', 'Standard'], promo: ['活动会员', 'Promo'], cobrand: ['联名会员', 'Co-brand'] },
  tierExplain: {
    standard: ['普通卡盟会员：可按退款规则退款', 'Standard membership: refundable under the refund policy'],
    promo: ['活动会员：特价活动商品，一般不可退款', 'Promotional event plan: normally not refundable'],
    cobrand: ['联名会员：含合作方权益，一般不可退款', 'Co-branded bundle with a partner: normally not refundable'],
  },
  channel: {
    alipay: ['支付宝', 'Alipay'],
    wechat_pay: ['微信支付', 'WeChat Pay'],
    bank_card: ['银行卡', 'Bank card'],
    apple_iap: ['苹果应用内购买', 'Apple in-app purchase'],
    bcoin: ['B币', 'B-coin'],
    google_play: ['Google Play', 'Google Play'],
  },
  platform: { app_ios: ['iOS App', 'iOS app'], app_android: ['Android App', 'Android app'], web: ['网页', 'Web'] },
  usageKind: {
    login: ['登录', 'Login'],
    playback: ['播放', 'Playback'],
    discount_use: ['折扣优惠', 'Discount'],
    perk_redemption: ['道具兑换', 'Perk redeemed'],
  },
  caseStatus: {
    new: ['新建', 'New'],
    in_review: ['审核中', 'In review'],
    pending_approval: ['待审批', 'Pending approval'],
    approved: ['已批准', 'Approved'],
    refunded: ['已退款', 'Refunded'],
    rejected: ['已驳回', 'Rejected'],
    reopened: ['已重开', 'Reopened'],
    closed: ['已关闭', 'Closed'],
  },
  caseReason: {
    mistaken_purchase: ['误购', 'Bought by mistake'],
    unused: ['未使用', 'Not used'],
    dissatisfied: ['服务不满意', 'Unhappy with the service'],
    duplicate_charge: ['重复扣款', 'Duplicate charge'],
    unwanted_renewal: ['不想要的自动续费', 'Unwanted auto-renewal'],
    other: ['其他', 'Other'],
  },
  caseChannel: {
    app: ['App', 'App'],
    web: ['网页', 'Web'],
    online_chat: ['在线客服', 'Online chat'],
    phone: ['电话', 'Phone'],
    email: ['邮件', 'Email'],
  },
  requested: { full: ['全额退款', 'Full refund'], prorated: ['按比例退款', 'Prorated refund'] },
  refundStatus: { pending: ['处理中', 'Pending'], succeeded: ['已退回', 'Paid back'], failed: ['失败', 'Failed'] },
  subscriptionStatus: { active: ['续费中', 'Active'], cancelled: ['已取消', 'Cancelled'] },
  riskFlag: {
    multi_account: ['多账号关联', 'Linked accounts'],
    abnormal_login: ['异常登录', 'Unusual sign-ins'],
    frequent_refunds: ['频繁退款', 'Frequent refunds'],
  },
});
