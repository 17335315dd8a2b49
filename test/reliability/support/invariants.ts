import { sql, type RawBuilder } from 'kysely';
import { verifyAuditTrailAsync } from '../../../server/audit/verify-trail';
import { openDatabase, type Db } from '../../../server/db/client';
import { engineOf } from '../../../server/db/engine';
import { refundProblems, type Problems } from '../../support/refund-invariants';

// What must hold in the database whatever happened to the process that wrote it (docs/spec.md §6),
// checked on the database itself through Kysely: the same checks, in SQL both engines speak, on a
// SQLite file and on a PostgreSQL database. Each check returns the rows that break it: [] means it
// holds. The checks about refunds, communications and reveals look at the ones a test made
// (marked by `marker` in the idempotency key, the body or the reason); the money checks look at
// every order.
//
// Only the storage checks differ: on SQLite the file's own (integrity_check, foreign_key_check),
// since the process killed is the one writing the file; on PostgreSQL the database server owns its
// pages and checks every foreign key when a row is written, and the process killed is only a
// client of it, so there is no file of ours to check.

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

export type { Problems };

type Row = Record<string, unknown>;

/** The invariants of a SQLite file (a backup, a file no server has open): opened, checked, closed. */
export async function checkSqliteFile(path: string, marker: string, acked: Acknowledged = emptyAcknowledged()): Promise<Problems> {
  const opened = openDatabase(path);
  try {
    return await checkDatabase(opened.db, marker, acked);
  } finally {
    await opened.close();
  }
}

export async function checkDatabase(db: Db, marker: string, acked: Acknowledged = emptyAcknowledged()): Promise<Problems> {
  const all = async (query: RawBuilder<unknown>) => (await query.execute(db)).rows as Row[];
  const like = `%${marker}%`;
  const problems: Problems = {};

  if (engineOf(db) === 'sqlite') {
    const integrity = await all(sql`pragma integrity_check`);
    problems.integrity = integrity.length === 1 && Object.values(integrity[0]!)[0] === 'ok' ? [] : integrity;
    problems.foreignKeys = await all(sql`pragma foreign_key_check`);
  }
  const chain = await verifyAuditTrailAsync(db, []);
  problems.auditChain = chain.ok ? [] : [chain];

  // money, and each of the test's refunds with its audit events, its case and its entitlement in step
  Object.assign(problems, await refundProblems(db, { keyLike: like }));
  problems.keyUsedTwice = await all(sql`select idempotency_key, count(*) as n from refunds group by idempotency_key having count(*) > 1`);

  // the test's refunds: what they did to the member's auto-renew
  const refunds = await all(sql`
    select r.id, r.case_no, r.status, r.amount_fen, r.idempotency_key, o.member_uid, o.plan_code, o.anomaly
    from refunds r join orders o on o.order_no = r.order_no
    where r.idempotency_key like ${like}`);
  const events = (action: string) => all(sql`select entity_id, after, reason from audit_events where action = ${action}`);
  const afterOf = <T>(e: Row) => JSON.parse(String(e.after)) as T;
  const activeSubscriptions = new Set(
    (await all(sql`select member_uid, plan_code from subscriptions where status = 'active'`)).map((s) =>
      JSON.stringify([s.member_uid, s.plan_code]),
    ),
  );
  // a refund turns the plan's auto-renew off — except a duplicate charge's: the surviving
  // order's subscription is the member's and stays (docs/spec.md §6)
  problems.refundWithAutoRenewOn = refunds.filter(
    (r) =>
      r.status !== 'failed' && r.anomaly !== 'duplicate_charge' && activeSubscriptions.has(JSON.stringify([r.member_uid, r.plan_code])),
  );
  const cancelReasons = new Set((await events('subscription.cancel')).map((e) => e.reason));
  problems.duplicateRefundCancelledSubscription = refunds.filter(
    (r) =>
      r.anomaly === 'duplicate_charge' &&
      (cancelReasons.has(`refund approved on ${String(r.case_no)}`) || cancelReasons.has(`refund ${String(r.id)}`)),
  );

  // every acknowledged refund is there, once, as it was answered (a success never goes back)
  const byKey = new Map(refunds.map((r) => [String(r.idempotency_key), r]));
  problems.acknowledgedRefundMissing = [];
  for (const [key, ack] of acked.approvals) {
    const row = byKey.get(key) ?? (await all(sql`select id, amount_fen, status, case_no from refunds where idempotency_key = ${key}`))[0];
    const ok =
      row &&
      Number(row.id) === ack.refundId &&
      Number(row.amount_fen) === ack.amountFen &&
      row.case_no === ack.caseNo &&
      (ack.status !== 'succeeded' || row.status === 'succeeded');
    if (!ok) problems.acknowledgedRefundMissing.push({ key, ack, row });
  }

  // communications: each with its audit event, each event with its communication
  const comms = await all(sql`select id, body from communications where body like ${like}`);
  const commEvents = (await events('comm.log')).map((e) => Number(afterOf<{ commId: number }>(e).commId));
  const logged = new Set(commEvents);
  const commIds = new Set((await all(sql`select id from communications`)).map((r) => Number(r.id)));
  problems.commWithoutEvent = comms.filter((c) => !logged.has(Number(c.id)));
  problems.commEventWithoutComm = commEvents.filter((id) => !commIds.has(id));
  problems.commEventTwice = commEvents.filter((id, i) => commEvents.indexOf(id) !== i);
  problems.acknowledgedCommMissing = [];
  for (const [text, commId] of acked.comms) {
    const rows = comms.filter((c) => String(c.body).includes(text));
    if (rows.length !== 1 || Number(rows[0]?.id) !== commId) problems.acknowledgedCommMissing.push({ text, commId, rows });
  }

  // reveals: every acknowledged reveal audited exactly once; none audited twice
  const reveals = await all(
    sql`select reason, count(*) as n from audit_events where action = 'member.reveal' and reason like ${like} group by reason`,
  );
  const revealCount = new Map(reveals.map((r) => [String(r.reason), Number(r.n)]));
  problems.revealAuditedTwice = reveals.filter((r) => Number(r.n) > 1);
  problems.acknowledgedRevealNotAudited = [...acked.reveals].filter((reason) => revealCount.get(reason) !== 1);

  const caseNos = new Set((await all(sql`select case_no from refund_cases`)).map((r) => String(r.case_no)));
  problems.acknowledgedCaseMissing = [...acked.cases].filter((c) => !caseNos.has(c));

  return Object.fromEntries(Object.entries(problems).filter(([, rows]) => rows.length > 0));
}
