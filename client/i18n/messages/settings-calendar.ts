import type { MessageTree } from '../define-messages';

// Settings → Holiday calendar (docs/spec.md §3 business days), and the SLA preview shown with it.
export const settingsCalendar = {
  title: ['节假日日历', 'Holiday calendar'],
  hint: [
    '工作日 = 周一至周五，去掉法定节假日，加上调休上班的周末。审核时限（SLA）按工作日计算。',
    'Business days are Monday to Friday, minus public holidays, plus the weekend days worked in exchange (make-up working days). The review SLA counts business days.',
  ],
  previousYear: ['上一年', 'Previous year'],
  nextYear: ['下一年', 'Next year'],
  thisYear: ['回到今年', 'Back to this year'],
  add: ['添加日期', 'Add a day'],
  summary: [
    '{{year}} 年：{{holidays}} 天节假日，{{makeups}} 天调休上班',
    '{{year}}: {{holidays}} holidays, {{makeups}} make-up working days',
  ],
  legend: {
    holiday: ['节假日（休息）', 'Holiday (day off)'],
    makeup_workday: ['调休上班', 'Make-up working day'],
    weekend: ['周末', 'Weekend'],
    today: ['今天', 'Today'],
  },
  listTitle: ['{{year}} 年的节假日与调休', 'Holidays and make-up days in {{year}}'],
  emptyTitle: ['{{year}} 年还没有节假日或调休记录', 'No holidays or make-up days recorded for {{year}}'],
  emptyAdmin: [
    '添加该年的法定节假日和调休上班日后，SLA 会自动避开节假日。',
    "Add the year's public holidays and make-up working days, and SLAs will skip the holidays.",
  ],
  emptyReader: [
    '系统管理员录入后会显示在这里。在此之前，SLA 只按周一至周五计算。',
    'They appear here once an administrator records them. Until then, SLAs count Monday to Friday only.',
  ],
  readOnly: ['节假日日历由系统管理员维护。', 'The holiday calendar is maintained by administrators.'],
  coverage: {
    title: ['节假日日历未覆盖未来 60 天', 'The holiday calendar does not cover the next 60 days'],
    until: [
      '日历只录入到 {{date}}。请录入 {{year}} 年的法定节假日和调休，否则跨入该年的 SLA 只能按周一至周五估算。',
      'The calendar is loaded up to {{date}}. Load the public holidays and make-up working days of {{year}}, or SLAs reaching into it are estimated on weekdays only.',
    ],
    none: [
      '今年的节假日还没有录入。请录入 {{year}} 年的法定节假日和调休，否则 SLA 只能按周一至周五估算。',
      'This year’s holidays are not loaded. Load the public holidays and make-up working days of {{year}}, or SLAs are estimated on weekdays only.',
    ],
    ok: ['节假日日历已覆盖至 {{date}}。', 'The holiday calendar is loaded up to {{date}}.'],
    link: ['去录入', 'Load it'],
  },
  date: ['日期', 'Date'],
  weekday: ['星期', 'Day'],
  kindLabel: ['类型', 'Kind'],
  name: ['名称', 'Name'],
  actions: ['操作', 'Actions'],
  noName: ['未命名', 'Unnamed'],
  edit: ['修改', 'Change'],
  remove: ['移除', 'Remove'],
  kind: { holiday: ['节假日', 'Holiday'], makeup_workday: ['调休上班', 'Make-up working day'], normal: ['普通日', 'Ordinary day'] },
  kindHint: {
    holiday: [
      '节假日必须是工作日（周一至周五）：这一天不计入工作日。',
      'A holiday must be a weekday (Monday to Friday): it stops counting as a business day.',
    ],
    makeup_workday: [
      '调休上班日必须是周末：这一天计入工作日。',
      'A make-up working day must be a weekend day: it counts as a business day.',
    ],
  },
  namePlaceholder: {
    holiday: ['例如：国庆节', 'e.g. National Day'],
    makeup_workday: ['例如：国庆节调休上班', 'e.g. National Day make-up day'],
  },
  pickDate: ['选择日期', 'Pick a date'],
  addTitle: ['添加节假日或调休上班日', 'Add a holiday or make-up working day'],
  editTitle: ['修改 {{date}}', 'Change {{date}}'],
  dialogHint: [
    '改动立即生效：之后新开工单的 SLA 按新的日历计算，已开工单的到期时间不变。',
    'Changes apply at once: cases opened from now on get SLAs from the new calendar; open cases keep their due times.',
  ],
  replaces: [
    '{{date}} 已标记为「{{name}}」（{{kind}}），保存后将替换原记录。',
    '{{date}} is already marked "{{name}}" ({{kind}}); saving replaces it.',
  ],
  removeTitle: ['移除 {{date}}？', 'Remove {{date}}?'],
  removeBody: ['{{date}}「{{name}}」将恢复为{{becomes}}。', '{{date}} "{{name}}" becomes an {{becomes}} again.'],
  becomesWorkday: ['普通工作日（计入 SLA）', 'ordinary weekday (counted by the SLA)'],
  becomesWeekend: ['普通周末（不计入 SLA）', 'ordinary weekend day (not counted by the SLA)'],
  saved: ['已保存 {{date}}', 'Saved {{date}}'],
  removed: ['已移除 {{date}}', 'Removed {{date}}'],
  errors: {
    date: ['请选择日期', 'Pick a date'],
    holidayOnWeekend: [
      '{{date}} 是周末，本来就休息：节假日只能标在工作日。若这天要上班，请选择「调休上班」。',
      '{{date}} falls on a weekend, already a day off: holidays go on weekdays. If people work that day, choose "Make-up working day".',
    ],
    makeupOnWeekday: [
      '{{date}} 是工作日，本来就上班：调休上班只能标在周末。若这天放假，请选择「节假日」。',
      '{{date}} is a weekday, already a working day: make-up days go on weekends. If it is a day off, choose "Holiday".',
    ],
  },
  weekdayShort: {
    sun: ['周日', 'Sun'],
    mon: ['周一', 'Mon'],
    tue: ['周二', 'Tue'],
    wed: ['周三', 'Wed'],
    thu: ['周四', 'Thu'],
    fri: ['周五', 'Fri'],
    sat: ['周六', 'Sat'],
  },
  weekdayMin: {
    sun: ['日', 'Su'],
    mon: ['一', 'Mo'],
    tue: ['二', 'Tu'],
    wed: ['三', 'We'],
    thu: ['四', 'Th'],
    fri: ['五', 'Fr'],
    sat: ['六', 'Sa'],
  },
} satisfies MessageTree;

export const settingsSla = {
  sentence_one: [
    '现在（{{opened}}）开立的工单，须在 {{count}} 个工作日内处理，到期时间：<due>{{due}}</due>',
    'A case opened now ({{opened}}) must be settled within {{count}} business day: it is due by <due>{{due}}</due>',
  ],
  sentence_other: [
    '现在（{{opened}}）开立的工单，须在 {{count}} 个工作日内处理，到期时间：<due>{{due}}</due>',
    'A case opened now ({{opened}}) must be settled within {{count}} business days: it is due by <due>{{due}}</due>',
  ],
  underVersion: [
    'SLA 预览 · 按当前政策版本 {{version}}（{{days}}）和节假日日历计算，与开立工单时服务器的算法一致。',
    'SLA preview · under policy version {{version}} ({{days}}) and the holiday calendar, computed as the server does when a case opens.',
  ],
  withDraft: ['按草稿中的审核时限和当前节假日日历计算。', "Under the draft's review SLA and the current holiday calendar."],
  counted: ['第 {{n}} 个工作日 · {{why}}', 'Business day {{n}} · {{why}}'],
  skipped: ['不计入 · {{why}}', 'Not counted · {{why}}'],
  weekend: ['周末', 'Weekend'],
  workday: ['工作日', 'Weekday'],
  unavailable: ['暂时无法加载节假日日历，SLA 预览不可用。', 'The holiday calendar cannot be loaded right now: no SLA preview.'],
} satisfies MessageTree;
