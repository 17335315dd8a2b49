// The codes the log's filters offer. The server writes these (live names and the names the
// demo seed's history uses); a code not listed here can still be reached from an event's row.
export const ACTION_CODES = [
  'case.create',
  'case.open',
  'quote.create',
  'case.quote',
  'case.propose',
  'case.approve',
  'case.send_back',
  'case.reject',
  'case.reopen',
  'case.redirect_to_store',
  'case.close',
  'case.assign',
  'case.add_evidence',
  'case.payment_succeeded',
  'case.payment_failed',
  'refund.create',
  'refund.execute',
  'refund.succeed',
  'refund.succeeded',
  'refund.fail',
  'subscription.cancel',
  'comm.log',
  'comm.edit',
  'comm.send',
  'upload.create',
  'member.reveal',
  'qa.review',
  'qa.settings',
  'policy.publish',
  'calendar.set',
  'template.save',
  'template.delete',
  'export',
  'audit.read',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_rehashed',
] as const;

export const ENTITY_TYPES = [
  'case',
  'refund_case',
  'order',
  'refund',
  'member',
  'subscription',
  'policy',
  'calendar_day',
  'staff',
  'settings',
  'template',
  'export',
  'audit',
  'upload',
] as const;

/** Where an event's entity lives in the console, if it has a page of its own. */
export function entityPage(
  type: string,
  id: string,
): { to: '/cases/$caseNo'; params: { caseNo: string } } | { to: '/orders/$orderNo'; params: { orderNo: string } } | null {
  if (type === 'case' || type === 'refund_case') return { to: '/cases/$caseNo', params: { caseNo: id } };
  if (type === 'order') return { to: '/orders/$orderNo', params: { orderNo: id } };
  return null;
}

/** The history an event's entity opens (the seed's `refund_case` is a case). */
export function historyTarget(type: string): 'case' | 'order' | 'member' | 'refund' | 'policy' | 'staff' | null {
  if (type === 'refund_case') return 'case';
  return (['case', 'order', 'member', 'refund', 'policy', 'staff'] as const).find((t) => t === type) ?? null;
}
