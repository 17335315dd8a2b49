// The seed writes quotes before the orders they were computed on; once everything is written,
// the quotes of cases still being decided get what a live quote stores: the digests of the
// order's deciding facts and usage log (server/cases/quote-currency.ts), computed the same way,
// so the demo's open proposals are judged current or stale as the console's own would be.
import type Database from 'better-sqlite3';
import { factsDigest, toDecidingFacts, usageDigestOf, usageForEngine } from '../cases/quote-currency';

export function digestOpenQuotes(db: Database.Database): number {
  const quotes = db
    .prepare(
      `select q.id, q.order_no from quotes q join refund_cases c on c.case_no = q.case_no
       where c.status in ('new', 'in_review', 'pending_approval', 'reopened') order by q.id`,
    )
    .all() as { id: number; order_no: string }[];
  const order = db.prepare(
    `select o.status, o.anomaly, o.paid_fen, o.refunded_fen, o.related_order_no, e.activated_at,
       exists (select 1 from subscriptions s where s.member_uid = o.member_uid and s.plan_code = o.plan_code and s.status = 'active') as auto_renew
     from orders o left join entitlements e on e.order_no = o.order_no where o.order_no = ?`,
  );
  const usage = db.prepare('select at, kind, value_fen from usage_events where order_no = ? order by at, id');
  const update = db.prepare('update quotes set facts_digest = ?, usage_digest = ? where id = ?');
  db.exec('begin');
  for (const q of quotes) {
    const row = order.get(q.order_no) as Parameters<typeof toDecidingFacts>[0] & { auto_renew: number };
    const events = usage.all(q.order_no) as Parameters<typeof usageForEngine>[0][];
    update.run(factsDigest(toDecidingFacts(row, row.auto_renew === 1)), usageDigestOf(events.map(usageForEngine)), q.id);
  }
  db.exec('commit');
  return quotes.length;
}
