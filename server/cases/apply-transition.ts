import { DomainError, found } from '../errors';
import { nextStatus, OPEN_STATUSES, type CaseAction } from '../../shared/case-transitions';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import type { RefundCasesTable } from '../db/schema';

export async function loadCase(tx: Db, caseNo: string) {
  const kase = await found(tx.selectFrom('refund_cases').selectAll().where('case_no', '=', caseNo), `No case ${caseNo}`);
  return kase;
}

export type CaseRow = Awaited<ReturnType<typeof loadCase>>;

// The decisions that meet the review SLA: the first of them in a review cycle is what counts
// (docs/spec.md §3 "Business days"), not the closing, which may wait on a bank's settlement.
const DECISIONS: readonly CaseAction[] = ['approve', 'propose', 'reject', 'redirect_to_store'];

function slaClock(kase: CaseRow, action: CaseAction, nowIso: string): { first_decided_at?: string | null } {
  if (action === 'reopen') return { first_decided_at: null }; // a new review cycle
  if (DECISIONS.includes(action) && kase.first_decided_at === null) return { first_decided_at: nowIso };
  return {};
}

/**
 * Moves a case along the state machine inside the caller's write transaction: checks the
 * transition and the version, bumps the version, records the decision and its audit event.
 */
export async function applyTransition(
  tx: Db,
  kase: CaseRow,
  action: CaseAction,
  actor: Actor,
  now: Date,
  details: {
    note?: string;
    quoteId?: number | null;
    reasonCode?: string | null;
    set?: Partial<Pick<RefundCasesTable, 'proposed_by' | 'proposed_quote_id' | 'reject_reason_code' | 'assignee_id' | 'sla_due_at'>>;
    expectedVersion?: number;
    /** case_decisions names a staff member: whose decision a system transition (the reconciler settling a refund) is recorded under */
    onBehalfOf?: number;
  } = {},
): Promise<CaseRow> {
  const to = nextStatus(kase.status, action);
  if (!to) {
    throw new DomainError('CONFLICT', `A case that is ${kase.status} cannot be moved by "${action}"`);
  }
  if (details.expectedVersion !== undefined && details.expectedVersion !== kase.version) {
    throw new DomainError('CONFLICT', 'The case changed since you opened it: reload and decide again');
  }
  const nowIso = now.toISOString();
  const closed = !OPEN_STATUSES.includes(to);
  const updated = await tx
    .updateTable('refund_cases')
    .set({
      status: to,
      version: kase.version + 1,
      updated_at: nowIso,
      closed_at: closed ? nowIso : null,
      ...slaClock(kase, action, nowIso),
      ...details.set,
    })
    .where('case_no', '=', kase.case_no)
    .where('version', '=', kase.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new DomainError('CONFLICT', 'The case changed at the same moment: reload and try again');
  // the order carries its open case so the "has an open case" filter needs no join; a case
  // that ends clears only its own mark — never that of a newer case opened on the same order
  let mark = tx
    .updateTable('orders')
    .set({ open_case_no: closed ? null : kase.case_no })
    .where('order_no', '=', kase.order_no);
  if (closed) mark = mark.where('open_case_no', '=', kase.case_no);
  await mark.execute();
  if (action !== 'quote') {
    await tx
      .insertInto('case_decisions')
      .values({
        case_no: kase.case_no,
        action,
        quote_id: details.quoteId ?? null,
        reason_code: details.reasonCode ?? null,
        note: details.note ?? '',
        actor_id: actor.id ?? details.onBehalfOf ?? 0,
        created_at: nowIso,
      })
      .execute();
  }
  await recordAudit(
    tx,
    actor,
    {
      action: `case.${action}`,
      entityType: 'case',
      entityId: kase.case_no,
      before: { status: kase.status, version: kase.version },
      after: { status: to, version: kase.version + 1, quoteId: details.quoteId ?? undefined, reasonCode: details.reasonCode ?? undefined },
      reason: details.note || null,
    },
    now,
  );
  return updated;
}
