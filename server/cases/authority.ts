import { DomainError } from '../errors';
import type { StaffIdentity } from '../context';

// Who may approve what (docs/spec.md §1, §3): an agent approves policy-conforming quotes up to their
// own limit (the limit itself included); anything else needs a supervisor, and whoever
// proposed a refund never approves it (four eyes).
export function assertMayApprove(
  staff: StaffIdentity,
  kase: { status: string; proposed_by: number | null },
  quote: { amountFen: number; needsSupervisor: boolean },
): void {
  if (staff.role === 'supervisor') {
    if (kase.proposed_by === staff.id && kase.status === 'pending_approval') {
      throw new DomainError('FORBIDDEN', 'You proposed this refund: another supervisor must approve it');
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
