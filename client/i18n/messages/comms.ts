import { defineMessages } from '../define-messages';

// The communications screen. Channel, direction and delivery names are the conversation's
// (caseDetail.comms.*), so a message reads the same on a case and here.
export const comms = defineMessages({
  title: ['沟通记录', 'Communications'],
  subtitle: [
    '与会员的每一次沟通：来电、在线客服、邮件、短信、站内信和内部备注，最新的在前',
    'Every contact with members: calls, chats, emails, text and in-app messages, internal notes — newest first',
  ],
  search: {
    label: ['搜索沟通内容', 'Search communications'],
    placeholder: [
      '搜索沟通内容：中文（单字、两字也可以）、英文、订单号…',
      'Search what was said: Chinese (even one or two characters), English, order numbers…',
    ],
  },
  filters: {
    channel: ['渠道', 'Channel'],
    anyChannel: ['全部渠道', 'All channels'],
    direction: ['方向', 'Direction'],
    anyDirection: ['全部方向', 'All directions'],
    dates: ['日期（北京时间）', 'Dates (Beijing time)'],
    author: ['记录人', 'Recorded by'],
    anyAuthor: ['全部记录人', 'Anyone'],
    case: ['工单号', 'Case no.'],
    casePlaceholder: ['RC…', 'RC…'],
    member: ['会员 UID', 'Member UID'],
    memberPlaceholder: ['UID', 'UID'],
    clear: ['清除筛选', 'Clear filters'],
    datesReversed: ['开始日期晚于结束日期，日期筛选未生效。', 'The start date is after the end date: the date filter is not applied.'],
  },
  result: {
    system: ['系统', 'System'],
    noCase: ['未关联工单', 'No case'],
    member: ['会员 {{uid}}', 'Member {{uid}}'],
    memberTitle: ['查看该会员的订单', "See this member's orders"],
    caseTitle: ['打开工单', 'Open the case'],
    duration: ['通话 {{duration}}', 'call {{duration}}'],
    edited: ['已修改', 'edited'],
  },
  count: ['已显示 {{count}} 条', '{{count}} shown'],
  countAll: ['共 {{count}} 条', '{{count}} in all'],
  loadMore: ['加载更多', 'Load more'],
  end: ['已显示全部结果', 'All results shown'],
  empty: {
    title: ['没有找到沟通记录', 'No communications found'],
    filtered: ['换个关键词，或放宽筛选条件再试。', 'Try other words, or fewer filters.'],
    none: ['还没有任何沟通记录。', 'Nothing has been recorded yet.'],
    clear: ['清除搜索和筛选', 'Clear the search and filters'],
  },
  error: {
    title: ['沟通记录加载失败', 'Communications could not be loaded'],
    body: ['网络或服务暂时不可用，请重试。', 'The network or the service is unavailable for a moment: try again.'],
    badRequest: ['搜索条件无效，请清除筛选后重试。', 'The search is not valid: clear the filters and try again.'],
    more: ['加载更多失败。', 'Loading more failed.'],
  },
});
