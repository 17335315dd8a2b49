import { isEstimatedDue } from '../../shared/time/business-days';

// docs/spec.md §3 "Business days": an SLA due time that reaches into a year the holiday calendar
// does not cover was counted on weekdays only, and is flagged as estimated. The cycle's start is
// not stored (a reopening restarts it), so the span read is the one ending at the due time:
// from the case's opening, or three weeks before the due time when that is later (no review SLA
// in working days spans more).
const SPAN_MS = 21 * 86_400_000;

export function slaEstimated(createdAt: string, slaDueAt: string, years: ReadonlySet<number>, timezone: string): boolean {
  const from = Math.max(Date.parse(createdAt), Date.parse(slaDueAt) - SPAN_MS);
  return isEstimatedDue(new Date(Math.min(from, Date.parse(slaDueAt))).toISOString(), slaDueAt, years, timezone);
}
