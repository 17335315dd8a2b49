import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema';

// A case breaches its review SLA when the first decision of its review cycle (approve, propose,
// reject, redirect to the store) comes after the due time, or when none has come and the due
// time has passed (docs/spec.md §3). Its closing does not count: a bank-card refund approved on
// time and settled days later met the SLA. The one definition, for the case filter and the
// dashboard, so the list behind a figure always adds up to it.
export function slaBreached(eb: ExpressionBuilder<DB, 'refund_cases'>, nowIso: string): Expression<SqlBool> {
  return eb.or([
    // spelled out: `first_decided_at > sla_due_at` is NULL for an undecided case, and NOT NULL
    // would drop it from "SLA kept"
    eb.and([
      eb('refund_cases.first_decided_at', 'is not', null),
      eb(eb.ref('refund_cases.first_decided_at'), '>', eb.ref('refund_cases.sla_due_at')),
    ]),
    eb.and([eb('refund_cases.first_decided_at', 'is', null), eb('refund_cases.sla_due_at', '<', nowIso)]),
  ]);
}

/** The same rule as a 0/1 value, for counting. */
export const slaBreachedFlag = (nowIso: string) =>
  sql<number>`case when first_decided_at > sla_due_at or (first_decided_at is null and sla_due_at < ${nowIso}) then 1 else 0 end`;
