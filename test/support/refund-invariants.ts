import { sql } from 'kysely';
import type { Db } from '../../server/db/client';

// What must hold about refunds whatever happened to the servers that wrote them (docs/spec.md §6,
// docs/refunds.md), through Kysely on either engine. Each entry lists the rows that break it; {}
// means everything holds. The reliability suites' checkDatabase (test/reliability/support/
// invariants.ts) runs these beside its checks of the file, the audit chain, messages and reveals;
// the two-server tests and `npm run load` run them alone.
//
// The money checks look at every order. The checks about single refunds look at those whose
// idempotency key matches `keyLike` (the ones a test or a load run made), or at all of them; the
// check that no case is approved or refunded without its refund row only runs over all of them
// (a seeded database has cases refunded by a store, with no refund row of ours).

export type Problems = Record<string, unknown[]>;

export async function refundProblems(db: Db, opts: { keyLike?: string } = {}): Promise<Problems> {
  const problems: Problems = {};

  // money: never more back than paid, and the order's figure is what was paid back
  problems.refundedAbovePaid = await db
    .selectFrom('orders')
    .select(['order_no', 'paid_fen', 'refunded_fen'])
    .where((eb) => eb.or([eb('refunded_fen', '>', eb.ref('paid_fen')), eb('refunded_fen', '<', 0)]))
    .execute();
  // what the console paid back plus what a store (Apple, Google) refunded itself
  const notSum = await sql<{ order_no: string; refunded_fen: number; paid_back: number; store_refunded: number }>`
    select o.order_no, o.refunded_fen, coalesce(r.s, 0) as paid_back, coalesce(n.s, 0) as store_refunded
    from orders o
    left join (select order_no, sum(amount_fen) as s from refunds where status = 'succeeded' group by order_no) r on r.order_no = o.order_no
    left join (select order_no, sum(refunded_fen) as s from store_notifications where outcome = 'applied' group by order_no) n on n.order_no = o.order_no
    where o.refunded_fen <> coalesce(r.s, 0) + coalesce(n.s, 0)`.execute(db);
  problems.refundedNotSumOfRefunds = notSum.rows;
  problems.twoLiveRefundsOnACase = await db
    .selectFrom('refunds')
    .select(['case_no', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'succeeded'])
    .groupBy('case_no')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();

  // the refunds in scope: each with its audit events and its case in step
  let scoped = db
    .selectFrom('refunds')
    .innerJoin('refund_cases', 'refund_cases.case_no', 'refunds.case_no')
    .leftJoin('entitlements', 'entitlements.order_no', 'refunds.order_no')
    .select([
      'refunds.id',
      'refunds.case_no',
      'refunds.order_no',
      'refunds.status',
      'refunds.idempotency_key',
      'refund_cases.status as case_status',
      'entitlements.order_no as entitled',
      'entitlements.revoked_at',
    ]);
  if (opts.keyLike) scoped = scoped.where('refunds.idempotency_key', 'like', opts.keyLike);
  const refunds = await scoped.orderBy('refunds.id').execute();
  const eventsOf = async (action: string) =>
    db.selectFrom('audit_events').select(['entity_id', 'after']).where('action', '=', action).execute();
  const created = new Set((await eventsOf('refund.create')).map((e) => Number(e.entity_id)));
  const succeedEvents = (await eventsOf('refund.succeed')).map((e) =>
    Number((JSON.parse(e.after ?? '{}') as { refundId?: number }).refundId),
  );
  const succeedCount = new Map<number, number>();
  for (const id of succeedEvents) succeedCount.set(id, (succeedCount.get(id) ?? 0) + 1);
  const failed = new Set((await eventsOf('refund.fail')).map((e) => Number(e.entity_id)));
  const allIds = new Set((await db.selectFrom('refunds').select('id').execute()).map((r) => r.id));
  const succeededIds = new Set((await db.selectFrom('refunds').select('id').where('status', '=', 'succeeded').execute()).map((r) => r.id));

  problems.refundWithoutCreateEvent = refunds.filter((r) => !created.has(r.id));
  problems.createEventWithoutRefund = [...created].filter((id) => !allIds.has(id));
  problems.succeededNotSettledOnce = refunds
    .filter((r) => r.status === 'succeeded' && succeedCount.get(r.id) !== 1)
    .map((r) => ({ ...r, settlements: succeedCount.get(r.id) ?? 0 }));
  problems.succeedEventWithoutSuccess = [...succeedCount.keys()].filter((id) => !succeededIds.has(id));
  problems.failedWithoutEvent = refunds.filter((r) => r.status === 'failed' && !failed.has(r.id));
  problems.caseOutOfStep = refunds.filter(
    (r) => (r.status === 'succeeded' && r.case_status !== 'refunded') || (r.status === 'pending' && r.case_status !== 'approved'),
  );
  problems.paidButEntitlementKept = refunds.filter((r) => r.status === 'succeeded' && r.entitled !== null && r.revoked_at === null);

  if (!opts.keyLike) {
    // no case approved without its pending refund, none refunded without its paid one
    const cases = await db
      .selectFrom('refund_cases')
      .select(['case_no', 'status'])
      .where('status', 'in', ['approved', 'refunded'])
      .execute();
    const live = new Map(refunds.filter((r) => r.status !== 'failed').map((r) => [r.case_no, r.status]));
    problems.caseWithoutItsRefund = cases.filter((c) => live.get(c.case_no) !== (c.status === 'approved' ? 'pending' : 'succeeded'));
  }

  return Object.fromEntries(Object.entries(problems).filter(([, rows]) => rows.length > 0));
}
