// Writes the planned cases with everything hanging off them, and returns the audit trail they
// leave (one event per case opened, quote, decision and refund step), still to be chained.
import type Database from 'better-sqlite3';
import type { SeedAuditEvent } from './audit-seed';
import { bulkInserter } from './bulk';
import type { SeedCase } from './case-types';
import { iso, isoOrNull } from './seed-time';

const DECISION_STATUS = { propose: 'pending_approval', approve: 'approved', reject: 'rejected', reopen: 'reopened', close: 'closed' } as const;

export function writeCases(db: Database.Database, cases: SeedCase[]): { counts: Record<string, number>; audit: SeedAuditEvent[] } {
  const caseRows = bulkInserter(db, 'refund_cases', [
    'case_no', 'order_no', 'member_uid', 'channel', 'reason', 'requested', 'statement', 'status', 'assignee_id', 'created_by',
    'sla_due_at', 'reject_reason_code', 'proposed_by', 'proposed_quote_id', 'version', 'created_at', 'updated_at', 'closed_at',
  ], 20);
  const evidence = bulkInserter(db, 'case_evidence', ['case_no', 'kind', 'label', 'added_by', 'created_at']);
  const quotes = db.prepare(
    'insert into quotes (id, case_no, order_no, policy_version, basis_kind, outcome, reason_code, amount_fen, needs_supervisor, input, result, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const decisions = bulkInserter(db, 'case_decisions', ['case_no', 'action', 'quote_id', 'reason_code', 'note', 'actor_id', 'created_at']);
  const refunds = db.prepare(
    'insert into refunds (id, case_no, order_no, quote_id, amount_fen, payment_channel, status, gateway_ref, idempotency_key, approved_by, created_at, settled_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const comms = bulkInserter(db, 'communications', ['case_no', 'member_uid', 'direction', 'channel', 'body', 'duration_sec', 'author_id', 'delivery_status', 'created_at']);
  const audit: SeedAuditEvent[] = [];
  let quoteId = 0;
  let refundId = 0;
  db.exec('begin');
  for (const c of cases) {
    const o = c.order;
    const event = (at: number, actor: SeedAuditEvent['actor'], action: string, before: unknown, after: unknown, entityType = 'refund_case', entityId = c.caseNo) =>
      audit.push({ at, actor, action, entityType, entityId, before, after });
    event(c.createdMs, c.createdBy, 'case.open', null, { status: 'new', orderNo: o.orderNo, reason: c.reason, channel: c.channel, requested: c.requested });
    for (const label of c.evidence) evidence.add(c.caseNo, 'reference', label, c.createdBy.id, iso(c.createdMs));
    let status = 'new';
    for (const q of c.quotes) {
      q.id = ++quoteId;
      const r = q.result;
      quotes.run(q.id, c.caseNo, o.orderNo, r.policyVersion, q.basis, r.outcome, r.reasonCode, r.amountFen, r.needsSupervisor ? 1 : 0, JSON.stringify(q.input), JSON.stringify(r), q.createdBy.id, iso(q.createdMs));
      event(q.createdMs, q.createdBy, 'case.quote', { status }, { status: 'in_review', quoteId: q.id, outcome: r.outcome, amountFen: r.amountFen, basis: q.basis });
      status = 'in_review';
    }
    for (const d of c.decisions) {
      decisions.add(c.caseNo, d.action, d.quote?.id ?? null, d.reasonCode, d.note, d.actor.id, iso(d.createdMs));
      const next = DECISION_STATUS[d.action];
      event(d.createdMs, d.actor, `case.${d.action}`, { status }, { status: next, quoteId: d.quote?.id ?? null, reasonCode: d.reasonCode });
      status = next;
    }
    const f = c.refund;
    if (f) {
      const id = ++refundId;
      refunds.run(id, c.caseNo, o.orderNo, f.quote.id, f.amountFen, o.channel, f.status, f.gatewayRef, `seed-${c.caseNo}-1`, f.approvedBy.id, iso(f.createdMs), isoOrNull(f.settledMs));
      event(f.createdMs, f.approvedBy, 'refund.execute', null, { status: 'pending', amountFen: f.amountFen, caseNo: c.caseNo }, 'refund', String(id));
      if (f.settledMs !== null) {
        event(f.settledMs, null, 'refund.succeeded', { status: 'pending' }, { status: 'succeeded', orderStatus: o.status, refundedFen: o.refundedFen }, 'refund', String(id));
      }
    }
    c.comms.sort((a, b) => a.createdMs - b.createdMs);
    for (const m of c.comms) {
      comms.add(c.caseNo, o.member.uid, m.direction, m.channel, m.body, m.durationSec, m.author?.id ?? null, m.delivery, iso(m.createdMs));
    }
    const last = Math.max(c.createdMs, ...c.quotes.map((q) => q.createdMs), ...c.decisions.map((d) => d.createdMs), c.refund?.settledMs ?? 0, c.closedMs ?? 0);
    caseRows.add(
      c.caseNo, o.orderNo, o.member.uid, c.channel, c.reason, c.requested, c.statement, c.status, c.assignee?.id ?? null, c.createdBy.id,
      c.slaDueAt, c.rejectReasonCode, c.proposedBy?.id ?? null, c.proposedQuote?.id ?? null, 1 + c.quotes.length + c.decisions.length,
      iso(c.createdMs), iso(last), isoOrNull(c.closedMs),
    );
  }
  for (const b of [caseRows, evidence, decisions, comms]) b.flush();
  db.exec('commit');
  return {
    counts: { refund_cases: caseRows.rows, case_evidence: evidence.rows, quotes: quoteId, case_decisions: decisions.rows, refunds: refundId, communications: comms.rows },
    audit,
  };
}
