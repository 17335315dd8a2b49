import { defineMessages } from '../define-messages';

export const errors = defineMessages({
  notFoundTitle: ['页面不存在', 'Page not found'],
  notFoundBody: [
    '地址 {{path}} 不存在，可能输入有误或页面已移动。',
    'There is no page at {{path}}. The address may be mistyped, or the page has moved.',
  ],
  noAccessTitle: ['无权访问', 'No access'],
  noAccessBody: [
    '您的角色（{{role}}）不能使用「{{section}}」。如确需访问，请联系主管或系统管理员调整权限。',
    'Your role ({{role}}) cannot use {{section}}. If you need it, ask a supervisor or an administrator to change your permissions.',
  ],
  noAccessGeneric: [
    '您的角色（{{role}}）不能查看此页面。如确需访问，请联系主管或系统管理员调整权限。',
    'Your role ({{role}}) cannot view this page. If you need it, ask a supervisor or an administrator to change your permissions.',
  ],
  crashTitle: ['页面加载出错', 'Something went wrong'],
  crashBody: [
    '显示此页面时出现了问题。请重试；如果问题持续，请联系系统管理员并告知出错时间。',
    'This page could not be shown. Try again; if the problem persists, tell an administrator when it happened.',
  ],
  details: ['技术细节', 'Technical details'],
  backHome: ['返回首页', 'Back to start'],
});
