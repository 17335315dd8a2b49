import { describe, expect, it } from 'vitest';
import { CASE_TRANSITIONS, nextStatus, OPEN_STATUSES, type CaseAction } from '../../shared/case-transitions';
import { caseStatus, type CaseStatus } from '../../shared/schemas/enums';

const STATUSES = caseStatus.options;
const ACTIONS = Object.keys(CASE_TRANSITIONS) as CaseAction[];

// The whole state machine, written out by hand from docs/spec.md §4.3–4.7: what each action may start
// from and where it leads. Anything not listed must be refused.
const ALLOWED: [CaseStatus, CaseAction, CaseStatus][] = [
  // quoting keeps the status, except that the first quote takes a new case into review
  ['new', 'quote', 'in_review'],
  ['in_review', 'quote', 'in_review'],
  ['reopened', 'quote', 'reopened'],
  ['pending_approval', 'quote', 'pending_approval'],
  ['new', 'propose', 'pending_approval'],
  ['in_review', 'propose', 'pending_approval'],
  ['reopened', 'propose', 'pending_approval'],
  ['new', 'approve', 'approved'],
  ['in_review', 'approve', 'approved'],
  ['reopened', 'approve', 'approved'],
  ['pending_approval', 'approve', 'approved'],
  ['pending_approval', 'send_back', 'in_review'],
  ['new', 'reject', 'rejected'],
  ['in_review', 'reject', 'rejected'],
  ['reopened', 'reject', 'rejected'],
  ['pending_approval', 'reject', 'rejected'],
  ['rejected', 'reopen', 'reopened'],
  ['closed', 'reopen', 'reopened'],
  ['approved', 'payment_succeeded', 'refunded'],
  ['approved', 'payment_failed', 'in_review'],
  ['new', 'redirect_to_store', 'closed'],
  ['in_review', 'redirect_to_store', 'closed'],
  ['reopened', 'redirect_to_store', 'closed'],
  // Apple refunded the order itself: an open case on it closes (not an approved one: the console is paying it)
  ['new', 'store_refunded', 'closed'],
  ['in_review', 'store_refunded', 'closed'],
  ['reopened', 'store_refunded', 'closed'],
  ['pending_approval', 'store_refunded', 'closed'],
  ['refunded', 'close', 'closed'],
  ['rejected', 'close', 'closed'],
];

describe('the case state table', () => {
  it.each(ALLOWED)('moves a %s case by "%s" to %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('refuses every pair of status and action that the table does not list', () => {
    const allowed = new Set(ALLOWED.map(([from, action]) => `${from}:${action}`));
    const refused: string[] = [];
    for (const from of STATUSES) {
      for (const action of ACTIONS) {
        const to = nextStatus(from, action);
        if (allowed.has(`${from}:${action}`)) expect(to, `${from} by ${action}`).not.toBeNull();
        else if (to === null) refused.push(`${from}:${action}`);
        else expect.fail(`${from} by ${action} should be refused but leads to ${to}`);
      }
    }
    expect(refused.length).toBe(STATUSES.length * ACTIONS.length - ALLOWED.length);
  });

  it.each([
    ['approved', 'approve'],
    ['approved', 'quote'],
    ['approved', 'reject'],
    ['approved', 'propose'],
    ['approved', 'close'],
    ['pending_approval', 'propose'],
    ['pending_approval', 'redirect_to_store'],
    ['in_review', 'send_back'],
    ['in_review', 'payment_succeeded'],
    ['rejected', 'approve'],
    ['rejected', 'quote'],
    ['closed', 'approve'],
    ['closed', 'close'],
    ['new', 'close'],
    ['new', 'reopen'],
  ] as [CaseStatus, CaseAction][])('refuses to move a %s case by "%s"', (from, action) => {
    expect(nextStatus(from, action)).toBeNull();
  });

  it('reopens only a rejected or a closed case', () => {
    const reopenable = STATUSES.filter((s) => nextStatus(s, 'reopen') !== null);
    expect(reopenable.sort()).toEqual(['closed', 'rejected']);
  });

  it('lets nothing but closing move a refunded case: the money is paid back for good', () => {
    const leaving = ACTIONS.filter((a) => nextStatus('refunded', a) !== null);
    expect(leaving).toEqual(['close']);
    expect(nextStatus('refunded', 'close')).toBe('closed');
  });

  it('takes an approved case only to refunded or back to review, as the payment turns out', () => {
    const leaving = ACTIONS.filter((a) => nextStatus('approved', a) !== null).sort();
    expect(leaving).toEqual(['payment_failed', 'payment_succeeded']);
  });

  it('counts as open exactly the states in which the case still needs work or money is in flight', () => {
    expect([...OPEN_STATUSES].sort()).toEqual(['approved', 'in_review', 'new', 'pending_approval', 'reopened']);
    for (const [, , to] of ALLOWED) expect(STATUSES).toContain(to);
  });
});
