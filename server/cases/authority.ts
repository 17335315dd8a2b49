import type { StaffIdentity } from '../context';
import type { Db } from '../db/client';
import { DomainError } from '../errors';

// Who may approve what (docs/spec.md §1, §3): an agent approves policy-conforming quotes up to
// their own limit (the limit itself included); anything else needs a supervisor — maker–checker:
// whoever made or proposed a quote needing a supervisor on a case never checks one on that case,
// ever (sending the case back does not reset this). A case waiting for approval is approved on
// its proposed quote only.
export async function assertMayApprove(
  tx: Db,
  staff: StaffIdentity,
  kase: { case_no: string; status: string; proposed_quote_id: number | null },
  quote: { id: number; amountFen: number; needsSupervisor: boolean; createdBy: number },
): Promise<void> {
  if (kase.status === 'pending_approval' && quote.id !== kase.proposed_quote_id) {
    throw new DomainError(
      'CONFLICT',
      `This case waits for approval of quote #${kase.proposed_quote_id}: approve that one, or send the case back`,
    );
  }
  if (staff.role === 'supervisor') {
    if (quote.needsSupervisor && (await madeOrProposedOnCase(tx, staff.id, kase.case_no, quote.createdBy))) {
      throw new DomainError(
        'FORBIDDEN',
        'Four eyes: you made or proposed a refund on this case that needs a supervisor, so another supervisor must approve it',
      );
    }
    return;
  }
  if (staff.role !== 'agent') throw new DomainError('FORBIDDEN', 'Your role may not approve refunds');
  if (kase.status === 'pending_approval') {
    throw new DomainError('FORBIDDEN', 'This refund waits for a supervisor’s approval');
  }
  if (quote.needsSupervisor) {
    throw new DomainError('FORBIDDEN', 'This quote is an exception or above the agent limit: propose it for approval');
  }
  const limit = staff.approvalLimitFen ?? 0;
  if (quote.amountFen > limit) {
    throw new DomainError('FORBIDDEN', 'This amount is above your approval limit: propose it for approval');
  }
}

/** Whether this staff member made the quote, made any quote needing a supervisor, or proposed anything on the case. */
async function madeOrProposedOnCase(tx: Db, staffId: number, caseNo: string, quoteMaker: number): Promise<boolean> {
  if (quoteMaker === staffId) return true;
  const proposed = await tx
    .selectFrom('case_decisions')
    .select('id')
    .where('case_no', '=', caseNo)
    .where('action', '=', 'propose')
    .where('actor_id', '=', staffId)
    .executeTakeFirst();
  if (proposed) return true;
  const made = await tx
    .selectFrom('quotes')
    .select('id')
    .where('case_no', '=', caseNo)
    .where('created_by', '=', staffId)
    .where('needs_supervisor', '=', 1)
    .executeTakeFirst();
  return made !== undefined;
}
