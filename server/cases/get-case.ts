import { apiShape } from '../api-shape';
import { found } from '../errors';
import type { Quote } from '../../shared/refund';
import type { Db } from '../db/client';
import { commAttachments } from '../comms/comm-attachments';
import { selectComms, toComm } from '../comms/to-comm';
import { selectRefunds, toRefund } from '../refunds/to-refund';
import { selectOrderRows, toOrderRow } from '../orders/order-row';
import { calendarYears } from '../policy/calendar';
import { currentPolicy } from '../policy/current-policy';
import { slaEstimated } from './sla-estimated';
import { caseEvidence } from './case-evidence';
import { quoteStaleness, type Staleness } from './quote-currency';
import { storeConsent, waitingRequest } from '../stores/send-consumption';

// A case with its whole history: quotes (never overwritten), decisions, refunds, messages.
export async function getCase(db: Db, caseNo: string, now: Date) {
  const c = await found(
    db
      .selectFrom('refund_cases')
      .leftJoin('staff as assignee', 'assignee.id', 'refund_cases.assignee_id')
      .leftJoin('staff as proposer', 'proposer.id', 'refund_cases.proposed_by')
      .innerJoin('staff as creator', 'creator.id', 'refund_cases.created_by')
      .select([
        'refund_cases.case_no',
        'refund_cases.order_no',
        'refund_cases.member_uid',
        'refund_cases.status',
        'refund_cases.channel',
        'refund_cases.reason',
        'refund_cases.requested',
        'refund_cases.statement',
        'refund_cases.sla_due_at',
        'refund_cases.version',
        'refund_cases.created_at',
        'refund_cases.updated_at',
        'refund_cases.closed_at',
        'refund_cases.reject_reason_code',
        'refund_cases.proposed_quote_id',
        'refund_cases.applied_at',
        'refund_cases.first_decided_at', // the first decision of the current review cycle (the SLA is met when it is ≤ sla_due_at)
        'assignee.username as assignee',
        'assignee.display_name as assignee_name',
        'proposer.username as proposed_by',
        'creator.username as created_by',
      ])
      .where('refund_cases.case_no', '=', caseNo),
    `No case ${caseNo}`,
  );

  const [order, quotes, refunds, comms, decisions, evidence] = await Promise.all([
    selectOrderRows(db).where('orders.order_no', '=', c.order_no).executeTakeFirstOrThrow(),
    db
      .selectFrom('quotes')
      .innerJoin('staff', 'staff.id', 'quotes.created_by')
      .select([
        'quotes.id',
        'quotes.case_no',
        'quotes.order_no',
        'quotes.result',
        'quotes.basis_kind',
        'quotes.reason_code',
        'quotes.policy_version',
        'quotes.needs_supervisor',
        'quotes.facts_digest',
        'quotes.usage_digest',
        'quotes.created_at',
        'staff.username',
      ])
      .where('quotes.case_no', '=', caseNo)
      .orderBy('quotes.id')
      .execute(),
    selectRefunds(db).where('refunds.case_no', '=', caseNo).orderBy('refunds.id').execute(),
    selectComms(db)
      .where('communications.case_no', '=', caseNo)
      .orderBy('communications.created_at', 'desc')
      .orderBy('communications.id', 'desc')
      .execute(),
    db
      .selectFrom('case_decisions')
      .innerJoin('staff', 'staff.id', 'case_decisions.actor_id')
      .select([
        'case_decisions.id',
        'case_decisions.action',
        'case_decisions.quote_id',
        'case_decisions.reason_code',
        'case_decisions.note',
        'case_decisions.created_at',
        'staff.username',
        'staff.role',
      ])
      .where('case_decisions.case_no', '=', caseNo)
      .orderBy('case_decisions.id')
      .execute(),
    caseEvidence(db, caseNo),
  ]);
  const storeRequest = await storeRequestOf(db, caseNo, c.member_uid);
  const attachments = await commAttachments(
    db,
    comms.map((m) => m.id),
  );
  // Whether each quote could still be paid — asked only while the case is being decided.
  const deciding = ['new', 'in_review', 'reopened', 'pending_approval'].includes(c.status);
  const inForce = await currentPolicy(db);
  const policy = deciding ? inForce : null;
  const years = await calendarYears(db);
  const staleness = new Map<number, Staleness | null>();
  const current = {}; // the order's digests, read once for all its quotes
  for (const q of quotes) staleness.set(q.id, policy ? await quoteStaleness(db, q, policy, now, current) : null);
  // four eyes: who may never check a supervisor-needing refund on this case
  const makers = new Set([
    ...quotes.filter((q) => q.needs_supervisor === 1).map((q) => q.username),
    ...decisions.filter((d) => d.action === 'propose').map((d) => d.username),
  ]);

  return {
    // each selected column under its API name (apiShape), with what is computed beside them
    case: Object.assign(apiShape(c), {
      /** the due time reaches past the years the holiday calendar covers: counted on weekdays */
      slaEstimated: slaEstimated(c.created_at, c.sla_due_at, years, inForce.timezone),
      /** when the member applied: the full-refund window is measured to it */
      appliedAt: c.applied_at ?? c.created_at,
      /** staff who made or proposed a supervisor-needing refund here: they never approve one on this case */
      notCheckers: [...makers].sort(),
    }),
    order: toOrderRow(order),
    quotes: quotes.map((q) => ({
      ...(JSON.parse(q.result) as Quote),
      quoteId: q.id,
      goodwill: q.basis_kind === 'goodwill',
      createdAt: q.created_at,
      createdBy: q.username,
      /** why this quote may no longer be paid (recompute), or null while it is current */
      stale: staleness.get(q.id) ?? null,
    })),
    refunds: refunds.map(toRefund),
    communications: comms.map((m) => ({ ...toComm(m), attachments: attachments.get(m.id) ?? [] })),
    decisions: decisions.map((d) => ({
      action: d.action,
      quoteId: d.quote_id,
      reasonCode: d.reason_code,
      note: d.note,
      actor: d.username,
      actorRole: d.role,
      createdAt: d.created_at,
    })),
    evidence,
    /** the store's question on this case (Apple's consumption request) and the computed answer, or null */
    storeRequest,
  };
}

/** The newest store request on the case, with the member's consent to share usage (docs/integration.md §6). */
async function storeRequestOf(db: Db, caseNo: string, memberUid: string) {
  const r = await waitingRequest(db, caseNo);
  if (!r) return null;
  // the request's own columns under their API names, without the keys it is filed under
  const { id: _id, case_no: _caseNo, order_no: _orderNo, notification_uuid: _uuid, ...shown } = r;
  return Object.assign(apiShape(shown), { consent: await storeConsent(db, memberUid) });
}
