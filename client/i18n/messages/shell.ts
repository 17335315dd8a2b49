import { defineMessages } from '../define-messages';

export const shell = defineMessages({
  searchLabel: ['搜索订单', 'Search orders'],
  searchPlaceholder: ['订单号 / UID / 手机号 / 邮箱 / 交易号 / 昵称', 'Order no. / UID / phone / email / transaction ID / nickname'],
  language: ['切换语言', 'Change language'],
  userMenu: ['账号菜单', 'Account menu'],
  signedInAs: ['当前登录', 'Signed in as'],
  toggleNav: ['展开或收起导航', 'Show or hide navigation'],
  readOnly: ['只读', 'Read-only'],
  readOnlyHint: ['你的角色可以查看，但不能在这里做决定', 'Your role may look but not decide here'],
  collapseNav: ['收起导航', 'Collapse navigation'],
  expandNav: ['展开导航', 'Expand navigation'],
  offline: {
    title: ['网络已断开', 'You are offline'],
    body: [
      '页面上的数据暂停更新，审批、提交、驳回、发送等操作暂不可用（不会排队稍后发送）。网络恢复后自动刷新。',
      'Data on this page has stopped updating; approving, proposing, rejecting and sending are unavailable (nothing is queued to send later). Everything refreshes when the network returns.',
    ],
    serverTitle: ['连不上服务器', 'The server cannot be reached'],
    serverBody: [
      '服务器暂时没有回应，页面上的数据暂停更新，各项操作暂不可用。恢复后自动刷新。',
      'The server is not answering: data on this page has stopped updating and actions are unavailable. Everything refreshes when it is back.',
    ],
    reason: ['网络已断开，恢复后再操作', 'Offline: try again when the network is back'],
    serverReason: ['连不上服务器，恢复后再操作', 'Server unreachable: try again when it is back'],
    back: ['网络已恢复，数据已刷新', 'Back online: data refreshed'],
  },
  shortcuts: {
    title: ['键盘快捷键', 'Keyboard shortcuts'],
    open: ['查看键盘快捷键', 'Show keyboard shortcuts'],
    focusSearch: ['聚焦搜索框', 'Focus the search box'],
    goTo: ['前往「{{section}}」', 'Go to {{section}}'],
    help: ['显示本帮助', 'Show this help'],
    then: ['然后', 'then'],
    clearSearch: ['清空搜索框和搜索结果', 'Clear the search box and its results'],
    caseLog: ['工单页：记录一次沟通（Ctrl+Enter 保存，Esc 取消）', 'Case page: log a contact (Ctrl+Enter saves, Esc cancels)'],
    caseDecision: ['工单页：跳到处理决定', 'Case page: go to the decision'],
  },
});
