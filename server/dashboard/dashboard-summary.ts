import { sql } from 'kysely';
import { OPEN_STATUSES } from '../../shared/case-transitions';
import type { z } from 'zod';
import type { dashboardInput } from '../../shared/schemas/dashboard';
import type { Db } from '../db/client';
import { endOfLocalDay, startOfLocalDay } from '../../shared/time/local-date';
import { localDateSql } from '../db/local-date-sql';
import { hoursBetween } from '../db/engine-sql';
import { slaBreachedFlag } from '../cases/sla-breach';
import { currentPolicy } from '../policy/current-policy';
import { literal } from '../db/literal-limit';
import { LOOKUP_ALERT_ACTION } from '../members/pii-lookups';
import { storeDb } from '../stores/store-schema';

// The supervisors' figures for a range of local dates: refunds paid (count and ¥) per day and by
// reason, channel, plan and agent; decisions; SLA breaches; exceptions; handling time; and apart
// from those, the refunds Apple and Google made themselves.
export async function dashboardSummary(db: Db, input: z.output<typeof dashboardInput>, now: Date) {
  const { timezone } = await currentPolicy(db);
  const from = startOfLocalDay(input.from, timezone);
  const to = endOfLocalDay(input.to, timezone);
  const paid = () =>
    db
      .selectFrom('refunds')
      .innerJoin('refund_cases', 'refund_cases.case_no', 'refunds.case_no')
      .innerJoin('orders', 'orders.order_no', 'refunds.order_no')
      .innerJoin('staff', 'staff.id', 'refunds.approved_by')
      .innerJoin('quotes', 'quotes.id', 'refunds.quote_id')
      .where('refunds.status', '=', 'succeeded')
      .where('refunds.settled_at', '>=', from)
      .where('refunds.settled_at', '<=', to);
  const count = sql<number>`count(*)`.as('count');
  const amount = sql<number>`coalesce(sum(refunds.amount_fen), 0)`.as('amountFen');
  const day = localDateSql(db, 'refunds.settled_at', timezone, now);

  const [daily, byReason, byChannel, byPlan, byAgent, exceptions, decisions, sla, handling, alerts, byStore] = await Promise.all([
    paid()
      .select([day.as('date'), count, amount])
      .groupBy(day)
      .orderBy(day)
      .execute(),
    paid().select(['refund_cases.reason as key', count, amount]).groupBy('refund_cases.reason').orderBy('amountFen', 'desc').execute(),
    paid().select(['refund_cases.channel as key', count, amount]).groupBy('refund_cases.channel').orderBy('amountFen', 'desc').execute(),
    paid().select(['orders.plan_code as key', count, amount]).groupBy('orders.plan_code').orderBy('amountFen', 'desc').execute(),
    paid().select(['staff.username as key', count, amount]).groupBy('staff.username').orderBy('amountFen', 'desc').execute(),
    paid()
      .select(['quotes.basis_kind as key', count, amount])
      .where('quotes.basis_kind', '!=', 'calendar')
      .groupBy('quotes.basis_kind')
      .execute(),
    // cases decided, not decisions: a case approved twice (its first payment declined) or
    // rejected again after an appeal counts once, as it does in the case list behind the figure
    db
      .selectFrom('case_decisions')
      .select(['action as key', sql<number>`count(distinct case_no)`.as('count')])
      .where('action', 'in', ['approve', 'reject', 'propose', 'send_back', 'reopen'])
      .where('created_at', '>=', from)
      .where('created_at', '<=', to)
      .groupBy('action')
      .execute(),
    db
      .selectFrom('refund_cases')
      .select([
        sql<number>`count(*)`.as('cases'),
        sql<number>`sum(${slaBreachedFlag(now.toISOString())})`.as('breached'),
        sql<number>`sum(case when status in (${sql.join(OPEN_STATUSES.map((s) => sql`${s}`))}) then 1 else 0 end)`.as('open'),
      ])
      .where('created_at', '>=', from)
      .where('created_at', '<=', to)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('refund_cases')
      .select([sql<number | null>`avg(${hoursBetween(db, 'created_at', 'closed_at')})`.as('hours'), count])
      .where('closed_at', '>=', from)
      .where('closed_at', '<=', to)
      .executeTakeFirstOrThrow(),
    securityAlerts(db, from, to),
    storeRefunds(db, from, to),
  ]);
  const decided = Object.fromEntries(decisions.map((d) => [d.key, d.count]));
  const approvals = decided.approve ?? 0;
  const rejections = decided.reject ?? 0;
  return {
    range: { from: input.from, to: input.to, timezone },
    totals: {
      refunds: daily.reduce((s, d) => s + d.count, 0),
      amountFen: daily.reduce((s, d) => s + d.amountFen, 0),
      approvals,
      rejections,
      proposals: decided.propose ?? 0,
      approvalRate: approvals + rejections ? approvals / (approvals + rejections) : null,
      casesOpened: sla.cases,
      stillOpen: sla.open ?? 0,
      slaBreaches: sla.breached ?? 0,
      avgHandlingHours: handling.hours === null ? null : Math.round(handling.hours * 10) / 10,
      casesClosed: handling.count,
    },
    daily,
    byReason,
    byChannel,
    byPlan,
    byAgent,
    exceptions,
    securityAlerts: alerts,
    /** refunds the stores made themselves (not the console's: never in the figures above), by store */
    storeRefunds: {
      count: byStore.reduce((s, b) => s + b.count, 0),
      amountFen: byStore.reduce((s, b) => s + b.amountFen, 0),
      byStore,
    },
  };
}

/**
 * Refunds Apple or Google made on their own (an App Store REFUND, a Google Play void the console
 * did not ask for), at the store's time, not reversed since: the notifications that refunded an
 * order keep the amount (server/stores/store-refund.ts refundByStore).
 */
async function storeRefunds(db: Db, from: string, to: string) {
  return storeDb(db)
    .selectFrom('store_notifications')
    .select(['store as key', sql<number>`count(*)`.as('count'), sql<number>`coalesce(sum(refunded_fen), 0)`.as('amountFen')])
    .where('refunded_fen', 'is not', null)
    .where('outcome', '=', 'applied')
    .where('signed_at', '>=', from)
    .where('signed_at', '<=', to)
    .groupBy('store')
    .orderBy('store')
    .execute();
}

const ALERTS_LISTED = 20;

/**
 * Security alerts raised in the range (newest first, at most ALERTS_LISTED listed): today a staff
 * member who reached the PII lookup limit (server/members/pii-lookups.ts). Read from the audit
 * trail, where each alert is an event.
 */
async function securityAlerts(db: Db, from: string, to: string) {
  const events = db.selectFrom('audit_events').where('action', '=', LOOKUP_ALERT_ACTION).where('at', '>=', from).where('at', '<=', to);
  const [{ count }, rows] = await Promise.all([
    events.select(sql<number>`count(*)`.as('count')).executeTakeFirstOrThrow(),
    events.select(['id', 'at', 'action', 'actor_username', 'after']).orderBy('id', 'desc').limit(literal(ALERTS_LISTED)).execute(),
  ]);
  return {
    count,
    items: rows.map((r) => {
      const after = (r.after ? JSON.parse(r.after) : {}) as { distinct?: number; limit?: number; windowMinutes?: number };
      return {
        auditId: r.id,
        at: r.at,
        kind: 'lookup_limit' as const,
        staff: r.actor_username,
        distinct: after.distinct ?? null,
        limit: after.limit ?? null,
        windowMinutes: after.windowMinutes ?? null,
      };
    }),
  };
}
