import type { CaseSearchParams } from '../cases/case-search-params';

// The cases behind each dashboard figure, as the case queue's URL filters: the same date range
// and the same definition as the server's figure, so the cases listed add up to it
// (test/api/dashboard-links.test.ts checks every one). The queue shows every status
// (`status: 'all'`): a refunded case closed since still counts.

export interface DayRange {
  from: string;
  to: string;
}

const team = { view: 'team', status: 'all' } as const satisfies CaseSearchParams;

/** Refunds paid (settled) in the range: the refund count and amount, the daily chart and the splits. */
function paid(range: DayRange, extra: CaseSearchParams = {}): CaseSearchParams {
  return { ...team, decision: 'refunded', dateField: 'decided', from: range.from, to: range.to, ...extra };
}

function decided(range: DayRange, decision: 'approved' | 'rejected' | 'proposed'): CaseSearchParams {
  return { ...team, decision, dateField: 'decided', from: range.from, to: range.to };
}

function opened(range: DayRange, extra: CaseSearchParams = {}): CaseSearchParams {
  return { ...team, from: range.from, to: range.to, ...extra };
}

export const figureCases = {
  refunds: (range: DayRange) => paid(range),
  day: (date: string) => paid({ from: date, to: date }),
  reason: (range: DayRange, reason: string) => paid(range, { reason: reason as CaseSearchParams['reason'] }),
  channel: (range: DayRange, channel: string) => paid(range, { channel: channel as CaseSearchParams['channel'] }),
  plan: (range: DayRange, planCode: string) => paid(range, { planCode }),
  agent: (range: DayRange, username: string) => paid(range, { decidedBy: username }),
  /** refunds not computed on calendar days; `basis` narrows to one kind (evidence, manual, goodwill) */
  exceptions: (range: DayRange, basis?: string) => paid(range, { basis: (basis ?? 'exception') as CaseSearchParams['basis'] }),
  approvals: (range: DayRange) => decided(range, 'approved'),
  rejections: (range: DayRange) => decided(range, 'rejected'),
  proposals: (range: DayRange) => decided(range, 'proposed'),
  opened: (range: DayRange) => opened(range),
  stillOpen: (range: DayRange) => opened(range, { status: undefined }),
  slaBreaches: (range: DayRange) => opened(range, { slaBreached: true }),
  /** the cases whose handling time is averaged: closed in the range */
  closed: (range: DayRange) => ({ ...team, dateField: 'closed', from: range.from, to: range.to }) satisfies CaseSearchParams,
};
