import { defineMessages } from '../define-messages';

export const shell = defineMessages({
  'zh-CN': {
    searchLabel: '搜索订单',
    searchPlaceholder: '订单号 / UID / 手机号 / 邮箱 / 交易号 / 昵称',
    language: '切换语言',
    userMenu: '账号菜单',
    signedInAs: '当前登录',
    toggleNav: '展开或收起导航',
    shortcuts: {
      title: '键盘快捷键',
      open: '查看键盘快捷键',
      focusSearch: '聚焦搜索框',
      goTo: '前往「{{section}}」',
      help: '显示本帮助',
      then: '然后',
    },
  },
  en: {
    searchLabel: 'Search orders',
    searchPlaceholder: 'Order no. / UID / phone / email / transaction ID / nickname',
    language: 'Change language',
    userMenu: 'Account menu',
    signedInAs: 'Signed in as',
    toggleNav: 'Show or hide navigation',
    shortcuts: {
      title: 'Keyboard shortcuts',
      open: 'Show keyboard shortcuts',
      focusSearch: 'Focus the search box',
      goTo: 'Go to {{section}}',
      help: 'Show this help',
      then: 'then',
    },
  },
});
