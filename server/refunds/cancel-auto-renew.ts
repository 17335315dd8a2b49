import { recordAudit, type Actor } from '../audit/record-audit';
import { tellAutoRenewCancelled } from '../comms/member-messages';
import type { Db } from '../db/client';

/**
 * Cancels the member's active auto-renew on a plan; returns how many were on. With `notify`, the
 * member is told (SMS + in-app, once per cancelled subscription; on the case, when one caused it).
 */
export async function cancelAutoRenew(
  tx: Db,
  memberUid: string,
  planCode: string,
  actor: Actor,
  now: Date,
  reason: string,
  opts: { notify?: { caseNo: string | null } } = {},
) {
  const active = await tx
    .selectFrom('subscriptions')
    .select(['id', 'next_charge_at'])
    .where('member_uid', '=', memberUid)
    .where('plan_code', '=', planCode)
    .where('status', '=', 'active')
    .execute();
  for (const s of active) {
    await tx
      .updateTable('subscriptions')
      .set({ status: 'cancelled', cancelled_at: now.toISOString(), cancelled_by: actor.username, next_charge_at: null })
      .where('id', '=', s.id)
      .execute();
    await recordAudit(
      tx,
      actor,
      {
        action: 'subscription.cancel',
        entityType: 'subscription',
        entityId: String(s.id),
        before: { status: 'active', nextChargeAt: s.next_charge_at },
        after: { status: 'cancelled' },
        reason,
      },
      now,
    );
  }
  if (opts.notify && active.length > 0) {
    await tellAutoRenewCancelled(
      tx,
      { memberUid, planCode, subscriptionIds: active.map((s) => s.id), caseNo: opts.notify.caseNo },
      actor.id,
      now,
    );
  }
  return active.length;
}
