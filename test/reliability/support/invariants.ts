import Database from 'better-sqlite3';
import { verifyAuditChain } from '../../../server/audit/verify-chain';

// What must hold in the database file whatever happened to the process that wrote it (docs/spec.md §6),
// checked straight on the file. Each check returns the rows that break it: [] means it holds.
// The checks about refunds, communications and reveals look at the ones a test made (marked by
// `marker` in the idempotency key, the body or the reason); the money checks look at every order.

export interface Acknowledged {
  /** approvals the API answered 200: key → the refund it named */
  approvals: Map<string, { refundId: number; amountFen: number; status: string; caseNo: string; quoteId: number }>;
  /** comms.log calls answered 200: marker text in the body → commId */
  comms: Map<string, number>;
  /** members.reveal calls answered 200: the reason given */
  reveals: Set<string>;
  /** cases.create calls answered 200 */
  cases: Set<string>;
}

export function emptyAcknowledged(): Acknowledged {
  return { approvals: new Map(), comms: new Map(), reveals: new Set(), cases: new Set() };
}

export type Problems = Record<string, unknown[]>;

export function checkDatabase(path: string, marker: string, acked: Acknowledged = emptyAcknowledged()): Problems {
  const db = new Database(path, { fileMustExist: true });
  try {
    const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Record<string, unknown>[];
    const like = `%${marker}%`;
    const problems: Problems = {};

    const integrity = db.pragma('integrity_check', { simple: true });
    problems.integrity = integrity === 'ok' ? [] : [integrity];
    problems.foreignKeys = db.pragma('foreign_key_check') as unknown[];
    const chain = verifyAuditChain(db);
    problems.auditChain = chain.ok ? [] : [chain];

    // money: never more back than paid, and the order's figure is the sum of what was paid back
    problems.refundedAbovePaid = all(
      'select order_no, paid_fen, refunded_fen from orders where refunded_fen > paid_fen or refunded_fen < 0',
    );
    // what the console paid back plus what a store (Apple, Google) refunded itself (the demo seed has both)
    problems.refundedNotSumOfRefunds = all(`
      select o.order_no, o.refunded_fen, coalesce(r.s, 0) as paid_back, coalesce(n.s, 0) as store_refunded
      from orders o
      left join (select order_no, sum(amount_fen) s from refunds where status = 'succeeded' group by order_no) r using (order_no)
      left join (select order_no, sum(refunded_fen) s from store_notifications where outcome = 'applied' group by order_no) n using (order_no)
      where o.refunded_fen != coalesce(r.s, 0) + coalesce(n.s, 0)`);
    problems.twoLiveRefundsOnACase = all(
      `select case_no, count(*) as n from refunds where status in ('pending','succeeded') group by case_no having n > 1`,
    );
    problems.keyUsedTwice = all('select idempotency_key, count(*) as n from refunds group by idempotency_key having n > 1');

    // the test's refunds: each with its audit events, its consequences and a case in step
    const refunds = all(
      `select r.id, r.case_no, r.order_no, r.status, r.amount_fen, r.idempotency_key, c.status as case_status, o.member_uid, o.plan_code, o.anomaly
       from refunds r join refund_cases c on c.case_no = r.case_no join orders o on o.order_no = r.order_no
       where r.idempotency_key like ?`,
      like,
    );
    const events = (action: string) => all(`select entity_id, after from audit_events where action = ?`, action);
    const created = new Set(events('refund.create').map((e) => Number(e.entity_id)));
    const succeeded = new Set(events('refund.succeed').map((e) => Number((JSON.parse(String(e.after)) as { refundId: number }).refundId)));
    const failed = new Set(events('refund.fail').map((e) => Number(e.entity_id)));
    const refundIds = new Set(all('select id from refunds').map((r) => Number(r.id)));
    const succeededIds = new Set(all("select id from refunds where status = 'succeeded'").map((r) => Number(r.id)));
    problems.refundWithoutCreateEvent = refunds.filter((r) => !created.has(Number(r.id)));
    problems.createEventWithoutRefund = [...created].filter((id) => !refundIds.has(id));
    problems.succeededWithoutEvent = refunds.filter((r) => r.status === 'succeeded' && !succeeded.has(Number(r.id)));
    problems.succeedEventWithoutSuccess = [...succeeded].filter((id) => !succeededIds.has(id));
    problems.failedWithoutEvent = refunds.filter((r) => r.status === 'failed' && !failed.has(Number(r.id)));
    problems.caseOutOfStep = refunds.filter(
      (r) => (r.status === 'succeeded' && r.case_status !== 'refunded') || (r.status === 'pending' && r.case_status !== 'approved'),
    );
    const revoked = db.prepare('select revoked_at from entitlements where order_no = ?').pluck();
    problems.paidButEntitlementKept = refunds.filter((r) => r.status === 'succeeded' && revoked.get(r.order_no) === null);
    const autoRenewOn = db
      .prepare("select count(*) from subscriptions where member_uid = ? and plan_code = ? and status = 'active'")
      .pluck();
    // a refund turns the plan's auto-renew off — except a duplicate charge's: the surviving
    // order's subscription is the member's and stays (docs/spec.md §6)
    problems.refundWithAutoRenewOn = refunds.filter(
      (r) => r.status !== 'failed' && r.anomaly !== 'duplicate_charge' && Number(autoRenewOn.get(r.member_uid, r.plan_code)) > 0,
    );
    const cancelledByRefund = db
      .prepare("select count(*) from audit_events where action = 'subscription.cancel' and reason in (?, ?)")
      .pluck();
    problems.duplicateRefundCancelledSubscription = refunds.filter(
      (r) =>
        r.anomaly === 'duplicate_charge' &&
        Number(cancelledByRefund.get(`refund approved on ${String(r.case_no)}`, `refund ${String(r.id)}`)) > 0,
    );

    // every acknowledged refund is there, once, as it was answered (a success never goes back)
    const byKey = db.prepare('select id, amount_fen, status, case_no from refunds where idempotency_key = ?');
    problems.acknowledgedRefundMissing = [];
    for (const [key, ack] of acked.approvals) {
      const row = byKey.get(key) as { id: number; amount_fen: number; status: string; case_no: string } | undefined;
      const ok =
        row &&
        row.id === ack.refundId &&
        row.amount_fen === ack.amountFen &&
        row.case_no === ack.caseNo &&
        (ack.status !== 'succeeded' || row.status === 'succeeded');
      if (!ok) problems.acknowledgedRefundMissing.push({ key, ack, row });
    }

    // communications: each with its audit event, each event with its communication
    const comms = all('select id, body from communications where body like ?', like);
    const commEvents = events('comm.log').map((e) => Number((JSON.parse(String(e.after)) as { commId: number }).commId));
    const logged = new Set(commEvents);
    const commIds = new Set(all('select id from communications').map((r) => Number(r.id)));
    problems.commWithoutEvent = comms.filter((c) => !logged.has(Number(c.id)));
    problems.commEventWithoutComm = commEvents.filter((id) => !commIds.has(id));
    problems.commEventTwice = commEvents.filter((id, i) => commEvents.indexOf(id) !== i);
    problems.acknowledgedCommMissing = [];
    for (const [text, commId] of acked.comms) {
      const rows = comms.filter((c) => String(c.body).includes(text));
      if (rows.length !== 1 || Number(rows[0]?.id) !== commId) problems.acknowledgedCommMissing.push({ text, commId, rows });
    }

    // reveals: every acknowledged reveal audited exactly once; none audited twice
    const reveals = all(
      "select reason, count(*) as n from audit_events where action = 'member.reveal' and reason like ? group by reason",
      like,
    );
    const revealCount = new Map(reveals.map((r) => [String(r.reason), Number(r.n)]));
    problems.revealAuditedTwice = reveals.filter((r) => Number(r.n) > 1);
    problems.acknowledgedRevealNotAudited = [...acked.reveals].filter((reason) => revealCount.get(reason) !== 1);

    const caseExists = db.prepare('select count(*) from refund_cases where case_no = ?').pluck();
    problems.acknowledgedCaseMissing = [...acked.cases].filter((c) => caseExists.get(c) !== 1);

    return Object.fromEntries(Object.entries(problems).filter(([, rows]) => rows.length > 0));
  } finally {
    db.close();
  }
}
