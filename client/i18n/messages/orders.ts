import { defineMessages } from '../define-messages';

export const orders = defineMessages({
  'zh-CN': {
    title: '订单',
    subtitle: '按订单号、会员 UID、手机号、邮箱、交易号或昵称查找订单',
    comingTitle: '订单搜索即将上线',
    comingBody: '在这里，一个搜索框就能找到订单，并可按状态、会员类型、支付渠道、平台、日期、金额、是否有工单和自动续费筛选。',
    yourQuery: '您要查找：',
    detail: {
      title: '订单 {{orderNo}}',
      subtitle: '订单与会员的完整信息',
      comingTitle: '订单详情即将上线',
      comingBody: '这里将在一页中展示订单和会员：支付与异常标记、自动续费、会员权益、相关订单、使用记录，以及从购买到退款、通知的完整时间线。',
    },
  },
  en: {
    title: 'Orders',
    subtitle: 'Find an order by order number, member UID, phone, email, transaction ID or nickname',
    comingTitle: 'Order search is coming soon',
    comingBody: 'One search box will find orders here, with filters for status, plan tier, payment channel, platform, dates, amount, open case and auto-renew.',
    yourQuery: 'You searched for:',
    detail: {
      title: 'Order {{orderNo}}',
      subtitle: 'Everything about an order and its member',
      comingTitle: 'Order details are coming soon',
      comingBody: 'This page will show the order and its member together: payment and anomaly flags, auto-renew, entitlement, related orders, the usage log and a timeline from purchase to refund and messages.',
    },
  },
});
