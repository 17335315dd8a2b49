import { literal } from '../db/literal-limit';
import { found } from '../errors';
import { sql } from 'kysely';
import { maskEmail, maskPhone } from '../../shared/mask';
import { toLocalDate, daysBetween } from '../../shared/time/local-date';
import { localDateSql } from '../db/local-date-sql';
import type { Db } from '../db/client';
import { selectComms, toComm } from '../comms/to-comm';
import { selectRefunds, toRefund } from '../refunds/to-refund';
import { computeRefund, type RefundPolicy } from '../../shared/refund';
import { engineInput, orderFacts } from '../cases/order-facts';
import { orderStoreView } from '../stores/order-store-view';
import { selectOrderRows, toOrderRow } from './order-row';

// Everything the order page shows, in one round trip (no request waterfalls on the page).
export async function getOrder(db: Db, orderNo: string, policy: RefundPolicy, now: Date) {
  const { timezone } = policy;
  const row = await found(
    selectOrderRows(db)
      .select([
        'orders.transaction_id',
        'plans.duration_days',
        'orders.related_order_no',
        'members.phone',
        'members.email',
        'members.registered_at',
        'members.risk_flags',
      ])
      .where('orders.order_no', '=', orderNo),
    `No order ${orderNo}`,
  );

  const [entitlement, subscription, related, refunds, cases, usage, comms, facts, store] = await Promise.all([
    db
      .selectFrom('entitlements')
      .select(['activated_at', 'starts_at', 'ends_at', 'revoked_at'])
      .where('order_no', '=', orderNo)
      .executeTakeFirst(),
    db
      .selectFrom('subscriptions')
      .select(['id', 'status', 'next_charge_at', 'cancelled_at', 'cancelled_by', 'started_at'])
      .where('member_uid', '=', row.member_uid)
      .where('plan_code', '=', row.plan_code)
      .orderBy('id', 'desc')
      .limit(literal(1))
      .executeTakeFirst(),
    // the duplicate beside its original first, then the member's other recent orders
    selectOrderRows(db)
      .select(
        sql<number>`case when orders.order_no = ${row.related_order_no ?? ''} or orders.related_order_no = ${orderNo} then 0 else 1 end`.as(
          'rank',
        ),
      )
      .where('orders.member_uid', '=', row.member_uid)
      .where('orders.order_no', '!=', orderNo)
      .orderBy('rank')
      .orderBy('orders.sort_at', 'desc')
      .limit(literal(20))
      .execute(),
    selectRefunds(db).where('refunds.order_no', '=', orderNo).orderBy('refunds.id', 'desc').execute(),
    db
      .selectFrom('refund_cases')
      .select(['case_no', 'status', 'reason', 'created_at', 'sla_due_at'])
      .where('order_no', '=', orderNo)
      .orderBy('created_at', 'desc')
      .execute(),
    usageSummary(db, orderNo, timezone, now),
    caseMessages(db, orderNo),
    orderFacts(db, orderNo),
    orderStoreView(db, orderNo, row.payment_channel),
  ]);
  // What the policy would refund if the member applied today (the calendar basis): the figure an
  // agent may read out, unlike paid − refunded, which ignores the days used and the window.
  const wouldRefund = computeRefund(engineInput(facts, { kind: 'calendar' }, policy, now));

  const today = toLocalDate(now.toISOString(), timezone);
  const usageStart = entitlement?.activated_at ?? usage.firstAt;
  const usedDaysSoFar = usageStart ? Math.min(row.duration_days, daysBetween(toLocalDate(usageStart, timezone), today) + 1) : 0;

  return {
    // Object.assign onto the fresh row, not a spread: on Node 20 each key added after a spread
    // costs ~2 µs (docs/performance.md)
    order: Object.assign(toOrderRow(row), {
      activatedAt: entitlement?.activated_at ?? null,
      durationDays: row.duration_days,
      transactionId: row.transaction_id,
      relatedOrderNo: row.related_order_no,
      entitlement: entitlement ? { startsAt: entitlement.starts_at, endsAt: entitlement.ends_at, revokedAt: entitlement.revoked_at } : null,
      usedDaysSoFar,
      /** the engine's answer if the member applied now (calendar basis) */
      policyToday: {
        outcome: wouldRefund.outcome,
        reasonCode: wouldRefund.reasonCode,
        amountFen: wouldRefund.amountFen,
        usedDays: wouldRefund.usedDays,
        totalDays: wouldRefund.totalDays,
      },
    }),
    member: {
      uid: row.member_uid,
      nickname: row.nickname,
      phoneMasked: maskPhone(row.phone),
      emailMasked: maskEmail(row.email),
      registeredAt: row.registered_at,
      riskFlags: row.risk_flags ? row.risk_flags.split(',') : [],
    },
    subscription: subscription
      ? {
          status: subscription.status,
          nextChargeAt: subscription.next_charge_at,
          cancelledAt: subscription.cancelled_at,
          cancelledBy: subscription.cancelled_by,
          startedAt: subscription.started_at,
        }
      : null,
    relatedOrders: related.map((r) => Object.assign(toOrderRow(r), { linked: r.rank === 0 })),
    refunds: refunds.map(toRefund),
    cases: cases.map((c) => ({ caseNo: c.case_no, status: c.status, reason: c.reason, createdAt: c.created_at, slaDueAt: c.sla_due_at })),
    usage,
    communications: comms.slice(0, CASE_MESSAGES_SHOWN).map(toComm),
    /** more messages on the order's cases than shown: the communications screen has them all */
    moreCommunications: comms.length > CASE_MESSAGES_SHOWN,
    /** an App Store or Google Play order: the store's refund status, its notifications and the consumption answers; else null */
    store,
  };
}

const CASE_MESSAGES_SHOWN = 100;

// The messages with the member on the order's cases, newest first, for the order's timeline:
// the cases come from their order index and each case's messages from comms_case.
function caseMessages(db: Db, orderNo: string) {
  return selectComms(db)
    .where('communications.case_no', 'in', (eb) => eb.selectFrom('refund_cases').select('case_no').where('order_no', '=', orderNo))
    .orderBy('communications.created_at', 'desc')
    .orderBy('communications.id', 'desc')
    .limit(literal(CASE_MESSAGES_SHOWN + 1))
    .execute();
}

// Counts per kind and per local day: the chart of daily usage and the page's headline figures.
async function usageSummary(db: Db, orderNo: string, timezone: string, now: Date) {
  const localDate = localDateSql(db, 'at', timezone, now);
  const daily = await db
    .selectFrom('usage_events')
    .select([
      localDate.as('date'),
      'kind',
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(value_fen), 0)`.as('value_fen'),
      sql<string>`min(at)`.as('first_at'),
      sql<string>`max(at)`.as('last_at'),
    ])
    .where('order_no', '=', orderNo)
    .groupBy([localDate, 'kind'])
    .execute();
  const byKind: Record<string, { count: number; valueFen: number }> = {};
  const byDate = new Map<string, Record<string, number>>();
  let firstAt: string | null = null;
  let lastAt: string | null = null;
  for (const d of daily) {
    byKind[d.kind] = { count: (byKind[d.kind]?.count ?? 0) + d.count, valueFen: (byKind[d.kind]?.valueFen ?? 0) + d.value_fen };
    const day = byDate.get(d.date) ?? {};
    day[d.kind] = d.count;
    byDate.set(d.date, day);
    if (!firstAt || d.first_at < firstAt) firstAt = d.first_at;
    if (!lastAt || d.last_at > lastAt) lastAt = d.last_at;
  }
  return {
    total: daily.reduce((s, d) => s + d.count, 0),
    firstAt,
    lastAt,
    activeDays: byDate.size,
    byKind,
    daily: [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, kinds]) => ({ date, ...kinds })),
  };
}
