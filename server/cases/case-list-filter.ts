// The case list's filters as one SQL condition. Each is a column of refund_cases, a probe of a
// covering index (the order's plan), or a decision table read through its own index (date,
// person), so what the filters match is found without reading every case's history.
import { DomainError } from '../errors';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { z } from 'zod';
import { OPEN_STATUSES } from '../../shared/case-transitions';
import type { casesListInput } from '../../shared/schemas/cases';
import { endOfLocalDay, instantMs, isLocalDate, startOfLocalDay } from '../../shared/time/local-date';
import type { StaffIdentity } from '../context';
import type { Db } from '../db/client';
import type { DB } from '../db/schema';
import { slaBreached } from './sla-breach';
import { currentPolicy } from '../policy/current-policy';

type Input = z.output<typeof casesListInput>;
type Eb = ExpressionBuilder<DB, 'refund_cases'>;
type Range = { from: string | null; to: string | null };

const DECISION_ACTIONS = { approved: 'approve', rejected: 'reject', proposed: 'propose' } as const;

/** A bound of the date filter as a stored UTC instant: a local date is a whole day of the policy timezone. */
function instantOf(value: string, timezone: string, end: boolean): string {
  try {
    if (isLocalDate(value)) return end ? endOfLocalDay(value, timezone) : startOfLocalDay(value, timezone);
    return new Date(instantMs(value)).toISOString();
  } catch {
    throw new DomainError('BAD_REQUEST', `Not a usable date: ${value}`);
  }
}

async function staffId(db: Db, username: string): Promise<number> {
  const who = await db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
  if (!who) throw new DomainError('BAD_REQUEST', `No staff member ${username}`);
  return who.id;
}

function within(column: string, range: Range | null): Expression<SqlBool>[] {
  if (!range) return [];
  const out: Expression<SqlBool>[] = [];
  if (range.from) out.push(sql<SqlBool>`${sql.ref(column)} >= ${range.from}`);
  if (range.to) out.push(sql<SqlBool>`${sql.ref(column)} <= ${range.to}`);
  return out;
}

function basisIs(eb: ExpressionBuilder<DB, 'quotes'>, basis: NonNullable<Input['basis']>) {
  return basis === 'exception' ? eb('quotes.basis_kind', '!=', 'calendar') : eb('quotes.basis_kind', '=', basis);
}

/**
 * The cases with a decision of the kind asked for: an approval, rejection or proposal (any of
 * them when no kind is given), or a refund paid back. Driven from the decision's own table, so a
 * date range or a person narrows it through an index before the queue's order is applied.
 */
function decided(eb: Eb, input: Input, byId: number | null, range: Range | null) {
  const basis = input.basis;
  if (input.decision === 'refunded') {
    const paid = eb
      .selectFrom('refunds')
      .select('refunds.case_no')
      .where((e) =>
        e.and([
          e('refunds.status', '=', 'succeeded'),
          ...within('refunds.settled_at', range),
          ...(byId === null ? [] : [e('refunds.approved_by', '=', byId)]),
          ...(basis
            ? [
                e.exists(
                  e
                    .selectFrom('quotes')
                    .select('quotes.id')
                    .whereRef('quotes.id', '=', 'refunds.quote_id')
                    .where((q) => basisIs(q, basis)),
                ),
              ]
            : []),
        ]),
      );
    return eb('refund_cases.case_no', 'in', paid);
  }
  const actions = input.decision ? [DECISION_ACTIONS[input.decision]] : Object.values(DECISION_ACTIONS);
  const made = eb
    .selectFrom('case_decisions')
    .select('case_decisions.case_no')
    .where((e) =>
      e.and([
        e('case_decisions.action', 'in', actions),
        ...within('case_decisions.created_at', range),
        ...(byId === null ? [] : [e('case_decisions.actor_id', '=', byId)]),
        ...(basis
          ? [
              e.exists(
                e
                  .selectFrom('quotes')
                  .select('quotes.id')
                  .whereRef('quotes.id', '=', 'case_decisions.quote_id')
                  .where((q) => basisIs(q, basis)),
              ),
            ]
          : []),
      ]),
    );
  return eb('refund_cases.case_no', 'in', made);
}

/** Every filter of cases.list as one condition on refund_cases (usernames and dates resolved first). */
export async function caseListCondition(db: Db, staff: StaffIdentity, input: Input, now: Date) {
  const assigneeId =
    input.assignee && input.assignee !== 'me' && input.assignee !== 'unassigned' ? await staffId(db, input.assignee) : null;
  const decidedById = input.decidedBy ? await staffId(db, input.decidedBy) : null;
  let range: Range | null = null;
  if (input.from || input.to) {
    const { timezone } = await currentPolicy(db);
    range = { from: input.from ? instantOf(input.from, timezone, false) : null, to: input.to ? instantOf(input.to, timezone, true) : null };
    if (range.from && range.to && range.from > range.to) throw new DomainError('BAD_REQUEST', '"from" must not be after "to"');
  }
  const nowIso = now.toISOString();
  const q = input.q?.toUpperCase();

  return (eb: Eb) => {
    const c: Expression<SqlBool>[] = [];
    if (input.status) c.push(eb('refund_cases.status', '=', input.status));
    if (input.open) c.push(eb('refund_cases.status', 'in', OPEN_STATUSES));
    if (input.overdue) c.push(eb('refund_cases.sla_due_at', '<', nowIso), eb('refund_cases.status', 'in', OPEN_STATUSES));
    if (input.assignee === 'me') c.push(eb('refund_cases.assignee_id', '=', staff.id));
    else if (input.assignee === 'unassigned') c.push(eb('refund_cases.assignee_id', 'is', null));
    else if (assigneeId !== null) c.push(eb('refund_cases.assignee_id', '=', assigneeId));
    if (q) {
      // case and order numbers are upper-case ASCII: a prefix is a range of the key's index
      const column = q.startsWith('KM') ? 'refund_cases.order_no' : 'refund_cases.case_no';
      c.push(eb(column, '>=', q), eb(column, '<', `${q}\uffff`));
    }
    if (input.reason) c.push(eb('refund_cases.reason', '=', input.reason));
    if (input.channel) c.push(eb('refund_cases.channel', '=', input.channel));
    if (input.planCode || input.tier) {
      const plan = eb.selectFrom('orders').select('orders.order_no').whereRef('orders.order_no', '=', 'refund_cases.order_no');
      const { planCode, tier } = input;
      if (planCode) c.push(eb.exists(plan.where('orders.plan_code', '=', planCode)));
      if (tier)
        c.push(eb.exists(plan.where('orders.plan_code', 'in', eb.selectFrom('plans').select('plans.code').where('plans.tier', '=', tier))));
    }
    const dated = range && input.dateField;
    if (dated === 'created') c.push(...within('refund_cases.created_at', range));
    if (dated === 'closed') c.push(...within('refund_cases.closed_at', range));
    if (input.decision || input.decidedBy || dated === 'decided')
      c.push(decided(eb, input, decidedById, dated === 'decided' ? range : null));
    if (input.slaBreached !== undefined) {
      const breached = slaBreached(eb, nowIso);
      c.push(input.slaBreached ? breached : eb.not(breached));
    }
    return eb.and(c);
  };
}
