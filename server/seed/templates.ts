// Reply templates agents send from (docs/spec.md §4.7). Variables in {{double braces}} come from the case.
import type Database from 'better-sqlite3';

type Text = { title: string; body: string };

export const TEMPLATES: Record<string, { 'zh-CN': Text; en: Text }> = {
  approval: {
    'zh-CN': {
      title: '退款已通过',
      body: '{{nickname}}您好，您的订单 {{orderNo}} 退款申请已通过，{{amount}} 将退回至{{channelName}}，{{arrival}}。感谢您的理解与支持。',
    },
    en: {
      title: 'Refund approved',
      body: 'Hi {{nickname}}, your refund for order {{orderNo}} has been approved: {{amount}} goes back to your {{channelName}} and {{arrival}}.',
    },
  },
  approval_prorated: {
    'zh-CN': {
      title: '退款已通过（按未使用天数）',
      body: '{{nickname}}您好，您的订单 {{orderNo}} 退款申请已通过：会员已使用{{usedDays}}天/共{{totalDays}}天，按未使用天数退款 {{amount}}，将退回至{{channelName}}，{{arrival}}。',
    },
    en: {
      title: 'Refund approved (unused days)',
      body: 'Hi {{nickname}}, your refund for order {{orderNo}} has been approved: you used {{usedDays}} of {{totalDays}} days, so we refund the unused days, {{amount}}, to your {{channelName}}; it {{arrival}}.',
    },
  },
  refund_arrived: {
    'zh-CN': { title: '退款已到账', body: '{{nickname}}您好，您的订单 {{orderNo}} 退款 {{amount}} 已退回至{{channelName}}，请注意查收。' },
    en: { title: 'Refund paid', body: 'Hi {{nickname}}, the refund of {{amount}} for order {{orderNo}} is back in your {{channelName}}.' },
  },
  case_reopened: {
    'zh-CN': {
      title: '申诉已受理',
      body: '{{nickname}}您好，您对订单 {{orderNo}} 的申诉已受理，退款申请 {{caseNo}} 已重新审核，我们将在 {{slaDate}} 前答复您。',
    },
    en: {
      title: 'Appeal received',
      body: 'Hi {{nickname}}, we have received your appeal for order {{orderNo}}: refund request {{caseNo}} is being reviewed again and we will answer by {{slaDate}}.',
    },
  },
  prorated_explanation: {
    'zh-CN': {
      title: '按剩余天数退款说明',
      body: '{{nickname}}您好，订单 {{orderNo}} 的会员已使用 {{usedDays}} 天，剩余 {{remainingDays}} 天，按剩余天数折算可退 {{amount}}，款项将原路退回。',
    },
    en: {
      title: 'Prorated refund',
      body: 'Hi {{nickname}}, you have used {{usedDays}} days of order {{orderNo}} and {{remainingDays}} days remain. We will refund {{amount}} for the unused days to your original payment method.',
    },
  },
  rejection_outside_window: {
    'zh-CN': {
      title: '超出无理由退款期限',
      body: '{{nickname}}您好，订单 {{orderNo}} 已超过购买后 7 天的无理由退款期限，很抱歉无法为您办理退款。{{reason}}',
    },
    en: {
      title: 'Outside the refund window',
      body: 'Hi {{nickname}}, order {{orderNo}} is past the 7-day refund window, so we cannot refund it. {{reason}}',
    },
  },
  rejection_already_used: {
    'zh-CN': {
      title: '会员权益已使用完毕',
      body: '{{nickname}}您好，订单 {{orderNo}} 的会员权益已使用 {{usedDays}} 天，已无剩余可退天数，很抱歉无法退款。{{reason}}',
    },
    en: {
      title: 'Membership already used',
      body: 'Hi {{nickname}}, the membership of order {{orderNo}} has been used for {{usedDays}} days with nothing left to refund. {{reason}}',
    },
  },
  rejection_non_refundable_plan: {
    'zh-CN': {
      title: '该商品不支持退款',
      body: '{{nickname}}您好，订单 {{orderNo}} 购买的是活动/联名会员，根据购买页面的说明不支持退款，敬请谅解。{{reason}}',
    },
    en: {
      title: 'Plan not refundable',
      body: 'Hi {{nickname}}, order {{orderNo}} is a promotional or co-branded plan, which cannot be refunded as stated at purchase. {{reason}}',
    },
  },
  rejection_order_anomaly: {
    'zh-CN': {
      title: '订单状态异常',
      body: '{{nickname}}您好，订单 {{orderNo}} 目前处于支付争议或风控核查中，暂无法办理退款，核查结束后我们会第一时间联系您。',
    },
    en: {
      title: 'Order under review',
      body: 'Hi {{nickname}}, order {{orderNo}} is under a payment dispute or risk review, so it cannot be refunded now. We will contact you when the review ends.',
    },
  },
  rejection_insufficient_evidence: {
    'zh-CN': {
      title: '凭证不足',
      body: '{{nickname}}您好，根据目前提供的材料，我们无法核实订单 {{orderNo}} 的退款理由。{{reason}} 如有补充凭证，欢迎随时提交。',
    },
    en: {
      title: 'Not enough evidence',
      body: 'Hi {{nickname}}, we could not verify the reason for refunding order {{orderNo}} from what we have. {{reason}} You are welcome to send more evidence.',
    },
  },
  evidence_request: {
    'zh-CN': {
      title: '请补充退款凭证',
      body: '{{nickname}}您好，为尽快处理订单 {{orderNo}} 的退款申请，请在 {{slaDate}} 前补充支付截图或扣款记录。',
    },
    en: {
      title: 'Please send evidence',
      body: 'Hi {{nickname}}, to process the refund for order {{orderNo}}, please send a payment screenshot or bank statement by {{slaDate}}.',
    },
  },
  auto_renew_cancelled: {
    'zh-CN': { title: '已为您关闭自动续费', body: '{{nickname}}您好，您的「{{planName}}」自动续费已关闭，之后不会再自动扣款。' },
    en: {
      title: 'Auto-renew cancelled',
      body: 'Hi {{nickname}}, auto-renew for {{planName}} is now off: you will not be charged for it again.',
    },
  },
  apple_store_redirect: {
    'zh-CN': {
      title: '请通过 App Store 申请退款',
      body: '{{nickname}}您好，订单 {{orderNo}} 通过苹果应用内购买支付，退款由 Apple 审核处理。请访问 reportaproblem.apple.com，登录 Apple ID 后选择该笔购买并申请退款。',
    },
    en: {
      title: 'Refunds through the App Store',
      body: 'Hi {{nickname}}, order {{orderNo}} was paid through Apple in-app purchase, so Apple decides on refunds. Please visit reportaproblem.apple.com, sign in and request a refund for this purchase.',
    },
  },
};

/** The library as message_templates rows, every code in both locales, written by `admin` at `at`. */
export function templateRows(at: string) {
  return Object.entries(TEMPLATES).flatMap(([code, byLocale]) =>
    (['zh-CN', 'en'] as const).map((locale) => ({
      code,
      locale,
      title: byLocale[locale].title,
      body: byLocale[locale].body,
      updated_by: 'admin',
      updated_at: at,
    })),
  );
}

/** Writes the library into a SQLite file (the demo seed). */
export function insertTemplates(db: Database.Database, at: string): number {
  const ins = db.prepare(
    'insert into message_templates (code, locale, title, body, updated_by, updated_at) values (@code, @locale, @title, @body, @updated_by, @updated_at)',
  );
  const rows = templateRows(at);
  for (const row of rows) ins.run(row);
  return rows.length;
}
