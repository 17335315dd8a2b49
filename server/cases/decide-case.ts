import { DomainError } from '../errors';
import { OPEN_STATUSES } from '../../shared/case-transitions';
import { addBusinessDays } from '../../shared/time/business-days';
import { recordAudit, type Actor } from '../audit/record-audit';
import { tellReopened } from '../comms/member-messages';
import { notifyMember } from '../comms/notify-member';
import type { StaffIdentity } from '../context';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { businessCalendar, currentPolicy } from '../policy/current-policy';
import { applyTransition, loadCase } from './apply-transition';
import { payingQuote, quoteStaleness } from './quote-currency';

// The decisions besides approval. Each runs in one write transaction with its audit event
// and, where the member is affected, the outbox messages that tell them.

export async function proposeCase(db: Db, actor: Actor, input: { caseNo: string; quoteId: number; note: string }, now: Date) {
  return writeTx(db, async (tx) => {
    const kase = await loadCase(tx, input.caseNo);
    const quote = await payingQuote(tx, kase.case_no, input.quoteId, 'there is nothing to propose');
    // a checker would only send a stale proposal back: its maker recomputes first
    const stale = await quoteStaleness(tx, quote, await currentPolicy(tx), now);
    if (stale) throw new DomainError('CONFLICT', stale.message, { details: { stale: stale.code } });
    const updated = await applyTransition(tx, kase, 'propose', actor, now, {
      quoteId: quote.id,
      note: input.note,
      set: { proposed_by: actor.id, proposed_quote_id: quote.id },
    });
    return { status: updated.status as 'pending_approval' };
  });
}

export async function sendBackCase(db: Db, actor: Actor, input: { caseNo: string; note: string }, now: Date) {
  return writeTx(db, async (tx) => {
    const kase = await loadCase(tx, input.caseNo);
    const updated = await applyTransition(tx, kase, 'send_back', actor, now, { note: input.note, quoteId: kase.proposed_quote_id });
    return { status: updated.status };
  });
}

export async function rejectCase(
  db: Db,
  staff: StaffIdentity,
  actor: Actor,
  input: { caseNo: string; reasonCode: string; message: string },
  now: Date,
) {
  return writeTx(db, async (tx) => {
    const kase = await loadCase(tx, input.caseNo);
    if (kase.status === 'pending_approval' && staff.role !== 'supervisor') {
      throw new DomainError('FORBIDDEN', 'This case waits for a supervisor: only a supervisor decides it now');
    }
    const updated = await applyTransition(tx, kase, 'reject', actor, now, {
      reasonCode: input.reasonCode,
      note: input.message,
      set: { reject_reason_code: input.reasonCode },
    });
    await notifyMember(tx, kase.case_no, `reject-v${updated.version}`, input.message, actor.id, now);
    return { status: updated.status as 'rejected' };
  });
}

export async function reopenCase(db: Db, actor: Actor, input: { caseNo: string; note: string }, now: Date) {
  const policy = await currentPolicy(db);
  const calendar = await businessCalendar(db);
  return writeTx(db, async (tx) => {
    const kase = await loadCase(tx, input.caseNo);
    const open = await tx.selectFrom('orders').select('open_case_no').where('order_no', '=', kase.order_no).executeTakeFirstOrThrow();
    if (open.open_case_no && open.open_case_no !== kase.case_no) {
      throw new DomainError('CONFLICT', `The order already has another open case ${open.open_case_no}`);
    }
    // an appeal restarts the review clock
    const slaDueAt = addBusinessDays(now.toISOString(), policy.reviewSlaBusinessDays, calendar, policy.timezone);
    const updated = await applyTransition(tx, kase, 'reopen', actor, now, {
      note: input.note,
      set: { sla_due_at: slaDueAt, reject_reason_code: null, proposed_by: null, proposed_quote_id: null },
    });
    await tellReopened(tx, { caseNo: kase.case_no, version: updated.version, slaDueAt }, actor.id, now);
    return { status: updated.status as 'reopened' };
  });
}

export async function redirectToStore(db: Db, actor: Actor, input: { caseNo: string; note: string }, now: Date) {
  return writeTx(db, async (tx) => {
    const kase = await loadCase(tx, input.caseNo);
    const order = await tx.selectFrom('orders').select('payment_channel').where('order_no', '=', kase.order_no).executeTakeFirstOrThrow();
    if (order.payment_channel !== 'apple_iap') {
      throw new DomainError('PRECONDITION_FAILED', 'Only App Store purchases are redirected to Apple');
    }
    const updated = await applyTransition(tx, kase, 'redirect_to_store', actor, now, { note: input.note || 'redirected to the App Store' });
    await notifyMember(tx, kase.case_no, `store-v${updated.version}`, { template: 'apple_store_redirect' }, actor.id, now);
    return { status: updated.status };
  });
}

export async function closeCase(db: Db, actor: Actor, input: { caseNo: string; note: string }, now: Date) {
  return writeTx(db, async (tx) => {
    const kase = await loadCase(tx, input.caseNo);
    const updated = await applyTransition(tx, kase, 'close', actor, now, { note: input.note });
    return { status: updated.status };
  });
}

// Statuses in which a case can change hands: still being worked, waiting for its payment, or
// rejected (an appeal may come back to whoever holds it). Closed and refunded cases are history.
const ASSIGNABLE: readonly string[] = [...OPEN_STATUSES, 'rejected'];

export async function assignCase(db: Db, actor: Actor, input: { caseNo: string; username: string; expectedVersion?: number }, now: Date) {
  return writeTx(db, async (tx) => {
    const kase = await loadCase(tx, input.caseNo);
    if (input.expectedVersion !== undefined && input.expectedVersion !== kase.version) {
      throw new DomainError('CONFLICT', 'The case changed since you opened it: reload it and assign again');
    }
    if (!ASSIGNABLE.includes(kase.status)) {
      throw new DomainError('CONFLICT', `A ${kase.status} case cannot be reassigned`);
    }
    const assignee = await tx
      .selectFrom('staff')
      .select(['id', 'role', 'active'])
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (!assignee || !assignee.active || (assignee.role !== 'agent' && assignee.role !== 'supervisor')) {
      throw new DomainError('BAD_REQUEST', `${input.username} cannot work cases`);
    }
    if (assignee.id === kase.assignee_id) return { assignee: input.username };
    await tx
      .updateTable('refund_cases')
      .set({ assignee_id: assignee.id, version: kase.version + 1, updated_at: now.toISOString() })
      .where('case_no', '=', kase.case_no)
      .execute();
    await recordAudit(
      tx,
      actor,
      {
        action: 'case.assign',
        entityType: 'case',
        entityId: kase.case_no,
        before: { assigneeId: kase.assignee_id },
        after: { assigneeId: assignee.id },
      },
      now,
    );
    return { assignee: input.username };
  });
}
