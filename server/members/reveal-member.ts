import { found } from '../errors';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';

// Showing a member's phone or e-mail unmasked is itself an audited event, with its reason.
export async function revealMember(
  db: Db,
  actor: Actor,
  input: { uid: string; field: 'phone' | 'email'; reason: string },
  now: Date,
): Promise<{ value: string | null }> {
  return writeTx(db, async (tx) => {
    const member = await found(tx.selectFrom('members').select(['phone', 'email']).where('uid', '=', input.uid), `No member ${input.uid}`);
    await recordAudit(
      tx,
      actor,
      { action: 'member.reveal', entityType: 'member', entityId: input.uid, after: { field: input.field }, reason: input.reason },
      now,
    );
    return { value: input.field === 'phone' ? member.phone : member.email };
  });
}
