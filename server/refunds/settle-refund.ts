import type { GatewayOutcome } from '../adapters/payment-gateway';
import { recordAudit, type Actor } from '../audit/record-audit';
import { applyTransition, loadCase } from '../cases/apply-transition';
import { tellArrival } from '../comms/member-messages';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { sampleForQa } from '../qa/sample-for-qa';
import { cancelAutoRenew } from './cancel-auto-renew';

// Records what the gateway answered, in one transaction. Success moves the money facts:
// the order's refunded amount and status, the entitlement revoked, auto-renew off, the case
// refunded, the member told of the arrival (and of auto-renew, if this turned it off). A
// decline frees the amount and sends the case back to review.
// Settling twice is harmless: only a pending refund is settled.
export async function settleRefund(db: Db, refundId: number, outcome: GatewayOutcome, actor: Actor, now: Date): Promise<void> {
  await writeTx(db, (tx) => settleRefundIn(tx, refundId, outcome, actor, now));
}

/** settleRefund inside a write transaction the caller holds (the platform's refund.settled / refund.failed events). */
export async function settleRefundIn(tx: Db, refundId: number, outcome: GatewayOutcome, actor: Actor, now: Date): Promise<void> {
  const refund = await tx.selectFrom('refunds').selectAll().where('id', '=', refundId).executeTakeFirstOrThrow();
  if (refund.status !== 'pending') return;
  const nowIso = now.toISOString();
  if (outcome.status === 'pending') {
    await tx.updateTable('refunds').set({ gateway_ref: outcome.gatewayRef }).where('id', '=', refundId).execute();
    return;
  }
  const kase = await loadCase(tx, refund.case_no);
  if (outcome.status === 'failed') {
    await tx
      .updateTable('refunds')
      .set({ status: 'failed', failure_reason: outcome.reason, settled_at: nowIso })
      .where('id', '=', refundId)
      .execute();
    await recordAudit(
      tx,
      actor,
      { action: 'refund.fail', entityType: 'refund', entityId: String(refundId), after: { status: 'failed' }, reason: outcome.reason },
      now,
    );
    if (kase.status === 'approved')
      await applyTransition(tx, kase, 'payment_failed', actor, now, { note: outcome.reason, onBehalfOf: refund.approved_by });
    return;
  }
  const order = await tx
    .selectFrom('orders')
    .select(['order_no', 'member_uid', 'plan_code', 'paid_fen', 'refunded_fen', 'status', 'anomaly'])
    .where('order_no', '=', refund.order_no)
    .executeTakeFirstOrThrow();
  const refunded = order.refunded_fen + refund.amount_fen; // the CHECK refuses anything above paid
  const status = refunded >= order.paid_fen ? 'refunded' : 'partially_refunded';
  await tx
    .updateTable('refunds')
    .set({ status: 'succeeded', gateway_ref: outcome.gatewayRef, settled_at: nowIso })
    .where('id', '=', refundId)
    .execute();
  await tx.updateTable('orders').set({ refunded_fen: refunded, status }).where('order_no', '=', order.order_no).execute();
  await tx
    .updateTable('entitlements')
    .set({ revoked_at: nowIso })
    .where('order_no', '=', order.order_no)
    .where('revoked_at', 'is', null)
    .execute();
  // a duplicate charge's refund leaves the surviving order's subscription alone (docs/spec.md §6)
  if (order.anomaly !== 'duplicate_charge') {
    await cancelAutoRenew(tx, order.member_uid, order.plan_code, actor, now, `refund ${refundId}`, { notify: { caseNo: kase.case_no } });
  }
  await recordAudit(
    tx,
    actor,
    {
      action: 'refund.succeed',
      entityType: 'order',
      entityId: order.order_no,
      before: { refundedFen: order.refunded_fen, status: order.status },
      after: { refundedFen: refunded, status, refundId, gatewayRef: outcome.gatewayRef, entitlementRevoked: true },
    },
    now,
  );
  if (kase.status === 'approved')
    await applyTransition(tx, kase, 'payment_succeeded', actor, now, { quoteId: refund.quote_id, onBehalfOf: refund.approved_by });
  await tellArrival(tx, { caseNo: kase.case_no, refundId, amountFen: refund.amount_fen, channel: refund.payment_channel }, actor.id, now);
  await sampleForQa(tx, refundId, now);
}
