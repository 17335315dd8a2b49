import { defineMessages } from '../define-messages';

// The domain's closed vocabularies as the order screens show them (docs/spec.md §2).
export const orderVocab = defineMessages({
  'zh-CN': {
    status: { payment_failed: '支付失败', paid: '已支付', partially_refunded: '部分退款', refunded: '已退款' },
    anomaly: { duplicate_charge: '重复扣款', chargeback: '拒付', risk_hold: '风控冻结' },
    anomalyExplain: {
      duplicate_charge: '同一会员同一商品在几分钟内被重复扣款：一笔多余的扣款，无论会员类型和时间，未激活未使用时可全额退回。',
      chargeback: '会员已通过发卡行或支付机构发起拒付，款项可能已被划回。请勿在此退款，交由主管调查。',
      risk_hold: '该订单被风控系统冻结，疑似异常交易。冻结解除前不能退款，请交由主管调查。',
    },
    tier: { standard: '普通会员', promo: '活动会员', cobrand: '联名会员' },
    tierExplain: {
      standard: '普通卡盟会员：可按退款规则退款',
      promo: '活动会员：特价活动商品，一般不可退款',
      cobrand: '联名会员：含合作方权益，一般不可退款',
    },
    channel: {
      alipay: '支付宝',
      wechat_pay: '微信支付',
      bank_card: '银行卡',
      apple_iap: '苹果应用内购买',
      bcoin: 'B币',
      google_play: 'Google Play',
    },
    platform: { app_ios: 'iOS App', app_android: 'Android App', web: '网页' },
    usageKind: { login: '登录', playback: '播放', discount_use: '折扣优惠', perk_redemption: '道具兑换' },
    caseStatus: {
      new: '新建',
      in_review: '审核中',
      pending_approval: '待审批',
      approved: '已批准',
      refunded: '已退款',
      rejected: '已驳回',
      reopened: '已重开',
      closed: '已关闭',
    },
    caseReason: {
      mistaken_purchase: '误购',
      unused: '未使用',
      dissatisfied: '服务不满意',
      duplicate_charge: '重复扣款',
      unwanted_renewal: '不想要的自动续费',
      other: '其他',
    },
    caseChannel: { app: 'App', web: '网页', online_chat: '在线客服', phone: '电话', email: '邮件' },
    requested: { full: '全额退款', prorated: '按比例退款' },
    refundStatus: { pending: '处理中', succeeded: '已退回', failed: '失败' },
    subscriptionStatus: { active: '续费中', cancelled: '已取消' },
    riskFlag: { multi_account: '多账号关联', abnormal_login: '异常登录', frequent_refunds: '频繁退款' },
  },
  en: {
    status: { payment_failed: 'Payment failed', paid: 'Paid', partially_refunded: 'Partly refunded', refunded: 'Refunded' },
    anomaly: { duplicate_charge: 'Duplicate charge', chargeback: 'Chargeback', risk_hold: 'Risk hold' },
    anomalyExplain: {
      duplicate_charge:
        'The same member was charged twice for the same plan within minutes: one charge too many. Never activated or used, it is refunded in full, whatever the tier or its age.',
      chargeback:
        'The member disputed the payment with their bank or payment provider; the money may already have been pulled back. Do not refund here: a supervisor investigates.',
      risk_hold:
        'Risk control froze this order as a suspected irregular transaction. No refund until the hold is lifted: a supervisor investigates.',
    },
    tier: { standard: 'Standard', promo: 'Promo', cobrand: 'Co-brand' },
    tierExplain: {
      standard: 'Standard membership: refundable under the refund policy',
      promo: 'Promotional event plan: normally not refundable',
      cobrand: 'Co-branded bundle with a partner: normally not refundable',
    },
    channel: {
      alipay: 'Alipay',
      wechat_pay: 'WeChat Pay',
      bank_card: 'Bank card',
      apple_iap: 'Apple in-app purchase',
      bcoin: 'B-coin',
      google_play: 'Google Play',
    },
    platform: { app_ios: 'iOS app', app_android: 'Android app', web: 'Web' },
    usageKind: { login: 'Login', playback: 'Playback', discount_use: 'Discount', perk_redemption: 'Perk redeemed' },
    caseStatus: {
      new: 'New',
      in_review: 'In review',
      pending_approval: 'Pending approval',
      approved: 'Approved',
      refunded: 'Refunded',
      rejected: 'Rejected',
      reopened: 'Reopened',
      closed: 'Closed',
    },
    caseReason: {
      mistaken_purchase: 'Bought by mistake',
      unused: 'Not used',
      dissatisfied: 'Unhappy with the service',
      duplicate_charge: 'Duplicate charge',
      unwanted_renewal: 'Unwanted auto-renewal',
      other: 'Other',
    },
    caseChannel: { app: 'App', web: 'Web', online_chat: 'Online chat', phone: 'Phone', email: 'Email' },
    requested: { full: 'Full refund', prorated: 'Prorated refund' },
    refundStatus: { pending: 'Pending', succeeded: 'Paid back', failed: 'Failed' },
    subscriptionStatus: { active: 'Active', cancelled: 'Cancelled' },
    riskFlag: { multi_account: 'Linked accounts', abnormal_login: 'Unusual sign-ins', frequent_refunds: 'Frequent refunds' },
  },
});
