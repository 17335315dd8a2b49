// One colour per kind of event, the same in the log and in a history's timeline: green money
// moved, teal approved, red refused or failed, violet supervisor's work, gray reads and sign-ins.
export function actionColor(action: string): string {
  if (/^(refund\.succeed|case\.payment_succeeded)/.test(action)) return 'green';
  if (/(reject|fail)/.test(action)) return 'red';
  if (/approve/.test(action)) return 'teal';
  if (/(propose|send_back|assign|qa\.)/.test(action)) return 'violet';
  if (/^(refund|subscription)\./.test(action)) return 'cyan';
  if (/(reopen|redirect|reveal|export)/.test(action) || action === 'export') return 'orange';
  if (/^(policy|calendar|template)\./.test(action)) return 'grape';
  if (/^(audit|auth)\./.test(action)) return 'gray';
  return 'blue';
}
