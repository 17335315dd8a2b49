import type { MessageTree } from '../define-messages';

// Settings → Refund policy (docs/spec.md §3): the version in force, the admin's draft, the history.
export const settingsPolicy = {
  currentTitle: ['当前退款政策', 'Refund policy in force'],
  currentHint: ['新开的核算都按这一版本计算。', 'Every new quote is computed under this version.'],
  version: ['版本 {{version}}', 'Version {{version}}'],
  inForce: ['生效中', 'In force'],
  publishedBy: ['{{who}} 于 {{when}} 发布', 'Published by {{who}} on {{when}}'],
  noteLabel: ['发布说明：', 'Note: '],
  edit: ['编辑草稿', 'Edit a draft'],
  readOnly: [
    '退款政策由系统管理员发布。每次核算都会记录所用的政策版本，已有核算不受新版本影响。',
    'The refund policy is published by administrators. Every quote records the version it used; a new version never changes existing quotes.',
  ],
  fields: {
    fullRefundWindowDays: {
      label: ['无理由全额退款期', 'Full refund window'],
      hint: [
        '未激活、未使用的会员，付款后这么多天内可全额退款（按 24 小时计）。',
        'A membership never activated or used is refunded in full within this many days of payment (24-hour days).',
      ],
    },
    refundableTiers: {
      label: ['可退款的会员类型', 'Refundable plan tiers'],
      hint: ['未勾选的类型不予退款；重复扣款不受此限制。', 'Tiers left unticked are not refunded; duplicate charges always are.'],
    },
    deductRedeemedPerks: {
      label: ['扣除已兑换道具', 'Deduct redeemed perks'],
      hint: [
        '按剩余天数退款时，扣除使用期间兑换的卡盟道具价值。',
        'A prorated refund subtracts the value of perks redeemed while the membership was used.',
      ],
    },
    agentApprovalLimitFen: {
      label: ['客服单笔审批额度', 'Agent approval limit'],
      hint: [
        '高于此金额需主管审批；恰好等于额度时客服仍可自行审批。',
        "Above this amount a supervisor approves; exactly this amount is still the agent's to approve.",
      ],
    },
    reviewSlaBusinessDays: {
      label: ['审核时限（SLA）', 'Review SLA'],
      hint: [
        '工单开立后须在这么多个工作日内处理完毕（不含开立当天）。',
        'A case must be settled within this many business days, not counting the day it was opened.',
      ],
    },
    quoteValidHours: {
      label: ['核算有效期', 'Quote validity'],
      hint: [
        '核算结果超过这么多小时未批准即失效，须重新核算后才能退款。',
        'A quote not approved within this many hours expires: it must be recomputed before anything is paid.',
      ],
    },
    timezone: {
      label: ['政策时区', 'Policy timezone'],
      hint: [
        '退款期限、已使用天数和工作日都按这个时区的日历日计算。',
        "Refund windows, used days and business days are counted in this timezone's calendar days.",
      ],
    },
  },
  value: {
    days_one: ['{{count}} 天', '{{count}} day'],
    days_other: ['{{count}} 天', '{{count}} days'],
    businessDays_one: ['{{count}} 个工作日', '{{count}} business day'],
    businessDays_other: ['{{count}} 个工作日', '{{count}} business days'],
    hours_one: ['{{count}} 小时', '{{count}} hour'],
    hours_other: ['{{count}} 小时', '{{count}} hours'],
    noTiers: ['无（仅重复扣款可退）', 'None (duplicate charges only)'],
    listSeparator: ['、', ', '],
    deduct: ['扣除', 'Deducted'],
    noDeduct: ['不扣除', 'Not deducted'],
  },
  unit: { days: ['天', 'days'], businessDays: ['工作日', 'bus. days'], hours: ['小时', 'hours'] },
  draftTitle: ['版本 {{version}} 草稿', 'Draft of version {{version}}'],
  draftBadge: ['未发布', 'Unpublished'],
  draftHint: [
    '基于版本 {{version}} 修改。有改动的项目会以橙色标出；发布前不会影响任何核算。',
    'Based on version {{version}}. Changed settings are marked in orange; nothing changes for quotes until you publish.',
  ],
  changedFrom: ['已修改 · 原为 {{value}}', 'Changed · was {{value}}'],
  noTiersWarning: ['不勾选任何类型时，除重复扣款外一律不予退款。', 'With no tier ticked, nothing but duplicate charges is refunded.'],
  noTimezone: ['没有匹配的时区', 'No matching timezone'],
  errors: {
    wholeDays: ['请输入 {{min}} 到 {{max}} 之间的整数', 'Enter a whole number from {{min}} to {{max}}'],
    wholeHours: ['请输入 {{min}} 到 {{max}} 之间的整数（小时）', 'Enter a whole number of hours from {{min}} to {{max}}'],
    money: ['请输入金额，如 100.00（最多两位小数）', 'Enter an amount such as 100.00 (at most two decimals)'],
    timezone: ['请选择一个有效的时区', 'Choose a valid timezone'],
  },
  reviewTitle: ['核对并发布', 'Review and publish'],
  reviewHint: ['与当前版本 {{version}} 相比：', 'Compared with the current version {{version}}:'],
  noChanges: [
    '还没有改动。修改左侧任一项目后，这里会列出新旧对比。',
    'No changes yet. Change any setting on the left to see old and new values here.',
  ],
  fixFields_one: ['有 {{count}} 项填写有误，请先修正。', '{{count}} setting needs fixing first.'],
  fixFields_other: ['有 {{count}} 项填写有误，请先修正。', '{{count}} settings need fixing first.'],
  note: ['发布说明', 'Publication note'],
  noteHint: [
    '写明改了什么、为什么改。说明会出现在版本历史和审计日志中。',
    'Say what changes and why. The note appears in the version history and the audit log.',
  ],
  notePlaceholder: ['例如：双十一活动期间延长无理由退款期至 10 天', "e.g. Longer full refund window during the Singles' Day campaign"],
  noteRequired: ['请填写发布说明（至少 2 个字）', 'Write a note (at least 2 characters)'],
  publish: ['发布为版本 {{version}}', 'Publish as version {{version}}'],
  discard: ['放弃草稿', 'Discard draft'],
  publishEffect: [
    '发布后，新的核算立即使用新版本；已有的核算仍按原版本保存，不会改变。',
    'New quotes use the new version at once; existing quotes keep the version they were computed under.',
  ],
  published: {
    title: ['版本 {{version}} 已发布', 'Version {{version}} published'],
    body: ['新的核算将使用这一版本。', 'New quotes now use this version.'],
  },
  conflict: {
    title: ['其他人刚刚发布了新版本', 'Someone published meanwhile'],
    body: [
      '在您编辑期间，有人在版本 {{version}} 之后发布了新版本。您的草稿已保留：请重新加载最新版本，核对差异后再发布。',
      'A newer version than {{version}} was published while you were editing. Your draft is kept: reload the latest version, check the differences, then publish again.',
    ],
    reload: ['重新加载最新版本', 'Reload the latest version'],
  },
  historyTitle: ['版本历史', 'Version history'],
  historyCount_one: ['共 {{count}} 个版本', '{{count}} version'],
  historyCount_other: ['共 {{count}} 个版本', '{{count}} versions'],
  historyEmpty: ['还没有发布过任何版本，当前使用系统默认政策。', 'No version has been published yet: the built-in default policy applies.'],
  historyFailed: ['无法加载版本历史', 'The version history could not be loaded'],
  firstVersion: ['首个版本', 'First version'],
  sameSettings: ['设置与上一版本相同', 'Same settings as the version before'],
} satisfies MessageTree;
