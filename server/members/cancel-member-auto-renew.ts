import type { z } from 'zod';
import type { cancelAutoRenewInput } from '../../shared/schemas/members';
import type { Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { DomainError, found } from '../errors';
import { cancelAutoRenew } from '../refunds/cancel-auto-renew';

// An agent turns off a member's auto-renew on its own, without any refund (a member who only
// wants the next charge stopped, docs/spec.md §3): audited as `subscription.cancel` with the
// agent's reason, the member told by SMS and in-app message, all in one write transaction.
export async function cancelMemberAutoRenew(
  db: Db,
  actor: Actor,
  input: z.output<typeof cancelAutoRenewInput>,
  now: Date,
): Promise<{ cancelled: number }> {
  return writeTx(db, async (tx) => {
    await found(tx.selectFrom('members').select('uid').where('uid', '=', input.uid), `No member ${input.uid}`);
    const cancelled = await cancelAutoRenew(tx, input.uid, input.planCode, actor, now, input.reason, { notify: { caseNo: null } });
    if (cancelled === 0) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `Member ${input.uid} has no active auto-renew on plan ${input.planCode}: nothing was cancelled`,
      );
    }
    return { cancelled };
  });
}
