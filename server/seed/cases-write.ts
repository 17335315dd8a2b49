// Writes the played cases with everything hanging off them. Ids of quotes, refunds and
// communications are given in time order across all cases, as the live app would have, and
// only then are the audit payloads that name them built.
import type Database from 'better-sqlite3';
import { bulkInserter } from './bulk';
import type { SeedAuditEvent, SeedCase, SeedComm, SeedDecision, SeedQuote, SeedRefund } from './case-types';
import { iso, isoOrNull } from './seed-time';

function byTime<T>(items: T[], at: (item: T) => number): T[] {
  return items.sort((a, b) => at(a) - at(b)); // stable: same-instant rows keep their order
}

export function writeCases(db: Database.Database, cases: SeedCase[]): { counts: Record<string, number>; audit: SeedAuditEvent[] } {
  const quotes = byTime(
    cases.flatMap((c) => c.quotes.map((q) => [c, q] as const)),
    ([, q]) => q.createdMs,
  );
  const refunds = byTime(
    cases.flatMap((c) => (c.refund ? [[c, c.refund] as const] : [])),
    ([, f]) => f.createdMs,
  );
  const comms = byTime(
    cases.flatMap((c) => c.comms.map((m) => [c, m] as const)),
    ([, m]) => m.createdMs,
  );
  const decisions = byTime(
    cases.flatMap((c) => c.decisions.map((d) => [c, d] as const)),
    ([, d]) => d.createdMs,
  );
  quotes.forEach(([, q], i) => (q.id = i + 1));
  refunds.forEach(([, f], i) => (f.id = i + 1));
  comms.forEach(([, m], i) => (m.id = i + 1));

  db.exec('begin');
  const caseRows = bulkInserter(
    db,
    'refund_cases',
    [
      'case_no',
      'order_no',
      'member_uid',
      'channel',
      'reason',
      'requested',
      'statement',
      'status',
      'assignee_id',
      'created_by',
      'sla_due_at',
      'reject_reason_code',
      'proposed_by',
      'proposed_quote_id',
      'version',
      'created_at',
      'updated_at',
      'closed_at',
      'applied_at',
      'first_decided_at',
    ],
    20,
  );
  const evidence = bulkInserter(db, 'case_evidence', ['case_no', 'kind', 'label', 'added_by', 'created_at']);
  for (const c of cases) {
    const o = c.order;
    caseRows.add(
      c.caseNo,
      o.orderNo,
      o.member.uid,
      c.channel,
      c.reason,
      c.requested,
      c.statement,
      c.status,
      c.agent.id,
      c.agent.id,
      c.slaDueAt,
      c.rejectReasonCode,
      c.proposedBy?.id ?? null,
      c.proposedQuote?.id ?? null,
      c.version,
      iso(c.createdMs),
      iso(c.updatedMs),
      isoOrNull(c.closedMs),
      iso(c.createdMs),
      isoOrNull(firstDecision(c)),
    );
    for (const label of c.evidence) evidence.add(c.caseNo, 'reference', label, c.agent.id, iso(c.createdMs));
  }
  writeQuotes(db, quotes);
  const decisionRows = writeDecisions(db, decisions);
  writeRefunds(db, refunds);
  const outbox = writeComms(db, comms);
  const qa = writeQa(db, cases);
  for (const b of [caseRows, evidence]) b.flush();
  db.exec('commit');
  return {
    counts: {
      refund_cases: caseRows.rows,
      case_evidence: evidence.rows,
      quotes: quotes.length,
      case_decisions: decisionRows,
      refunds: refunds.length,
      communications: comms.length,
      outbox,
      qa_reviews: qa,
    },
    audit: cases.flatMap((c) => c.audit),
  };
}

const DECISIONS = new Set(['approve', 'propose', 'reject', 'redirect_to_store']);

/** The first decision of the case's current review cycle (a reopening starts a new one), as applyTransition keeps it. */
function firstDecision(c: SeedCase): number | null {
  let first: number | null = null;
  for (const d of c.decisions) {
    if (d.action === 'reopen') first = null;
    else if (DECISIONS.has(d.action) && first === null) first = d.createdMs;
  }
  return first;
}

function writeQuotes(db: Database.Database, quotes: (readonly [SeedCase, SeedQuote])[]): void {
  const ins = bulkInserter(
    db,
    'quotes',
    [
      'id',
      'case_no',
      'order_no',
      'policy_version',
      'basis_kind',
      'outcome',
      'reason_code',
      'amount_fen',
      'needs_supervisor',
      'input',
      'result',
      'created_by',
      'created_at',
    ],
    20,
  );
  for (const [c, q] of quotes) {
    const r = q.result;
    ins.add(
      q.id,
      c.caseNo,
      c.order.orderNo,
      r.policyVersion,
      q.basis,
      r.outcome,
      r.reasonCode,
      r.amountFen,
      r.needsSupervisor ? 1 : 0,
      JSON.stringify(q.input),
      JSON.stringify(r),
      q.createdBy.id,
      iso(q.createdMs),
    );
  }
  ins.flush();
}

function writeDecisions(db: Database.Database, decisions: (readonly [SeedCase, SeedDecision])[]): number {
  const ins = bulkInserter(db, 'case_decisions', ['case_no', 'action', 'quote_id', 'reason_code', 'note', 'actor_id', 'created_at']);
  for (const [c, d] of decisions) ins.add(c.caseNo, d.action, d.quote?.id ?? null, d.reasonCode, d.note, d.actorId, iso(d.createdMs));
  ins.flush();
  return ins.rows;
}

function writeRefunds(db: Database.Database, refunds: (readonly [SeedCase, SeedRefund])[]): void {
  const ins = bulkInserter(
    db,
    'refunds',
    [
      'id',
      'case_no',
      'order_no',
      'quote_id',
      'amount_fen',
      'payment_channel',
      'status',
      'gateway_ref',
      'failure_reason',
      'idempotency_key',
      'approved_by',
      'created_at',
      'settled_at',
    ],
    20,
  );
  for (const [c, f] of refunds) {
    ins.add(
      f.id,
      c.caseNo,
      c.order.orderNo,
      f.quote.id,
      f.amountFen,
      c.order.channel,
      f.status,
      f.gatewayRef(f.id),
      null,
      f.idempotencyKey,
      f.approvedBy.id,
      iso(f.createdMs),
      isoOrNull(f.settledMs),
    );
  }
  ins.flush();
}

/** Communications (their trigger fills the search index) and the outbox rows of those sent. */
function writeComms(db: Database.Database, comms: (readonly [SeedCase, SeedComm])[]): number {
  const ins = bulkInserter(db, 'communications', [
    'id',
    'case_no',
    'member_uid',
    'direction',
    'channel',
    'body',
    'duration_sec',
    'author_id',
    'delivery_status',
    'created_at',
  ]);
  const box = bulkInserter(db, 'outbox', [
    'dedupe_key',
    'communication_id',
    'member_uid',
    'channel',
    'body',
    'status',
    'attempts',
    'next_attempt_at',
    'last_error',
    'created_at',
    'sent_at',
  ]);
  for (const [c, m] of comms) {
    ins.add(
      m.id,
      c.caseNo,
      c.order.member.uid,
      m.direction,
      m.channel,
      m.body,
      m.durationSec,
      m.author?.id ?? null,
      m.outbox ? 'sent' : null,
      iso(m.createdMs),
    );
    if (!m.outbox) continue;
    const at = iso(m.createdMs);
    // Delivered on the first attempt: claimed (attempts 1, next attempt pushed 30 s back), then sent.
    box.add(
      m.outbox.dedupeKey(),
      m.id,
      c.order.member.uid,
      m.channel,
      m.body,
      'sent',
      1,
      iso(m.createdMs + 30_000),
      null,
      at,
      iso(m.outbox.sentMs),
    );
  }
  ins.flush();
  box.flush();
  return box.rows;
}

function writeQa(db: Database.Database, cases: SeedCase[]): number {
  const sampled = byTime(
    cases.filter((c) => c.qa),
    (c) => c.qa!.sampledMs,
  );
  const ins = bulkInserter(db, 'qa_reviews', [
    'case_no',
    'refund_id',
    'agent_id',
    'sampled_at',
    'reviewer_id',
    'verdict',
    'comment',
    'reviewed_at',
  ]);
  for (const c of sampled) {
    const { agent, sampledMs, review } = c.qa!;
    ins.add(
      c.caseNo,
      c.refund!.id,
      agent.id,
      iso(sampledMs),
      review ? 3 : null,
      review?.verdict ?? null,
      review?.comment ?? null,
      review ? iso(review.reviewedMs) : null,
    );
  }
  ins.flush();
  return ins.rows;
}
