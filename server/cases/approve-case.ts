import { DomainError } from '../errors';
import type { z } from 'zod';
import type { casesApproveInput } from '../../shared/schemas/cases';
import { formatFen } from '../../shared/refund';
import type { PaymentGateway } from '../adapters/payment-gateway';
import { recordAudit, type Actor } from '../audit/record-audit';
import { tellApproval } from '../comms/member-messages';
import type { StaffIdentity } from '../context';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { cancelAutoRenew } from '../refunds/cancel-auto-renew';
import { payBack, type RefundToPay } from '../refunds/pay-back';
import { settleRefund } from '../refunds/settle-refund';
import { applyTransition, loadCase } from './apply-transition';
import { currentPolicy } from '../policy/current-policy';
import { assertMayApprove } from './authority';
import { leftToRefund } from '../refunds/left-to-refund';
import { payingQuote, quoteStaleness } from './quote-currency';

type Input = z.output<typeof casesApproveInput>;
type Answer = { status: string; refund: { refundId: number; amountFen: number; status: 'pending' | 'succeeded' | 'failed' } };

async function answerFor(db: Db, refundId: number): Promise<Answer> {
  const r = await db
    .selectFrom('refunds')
    .innerJoin('refund_cases', 'refund_cases.case_no', 'refunds.case_no')
    .select(['refunds.id', 'refunds.amount_fen', 'refunds.status', 'refund_cases.status as case_status'])
    .where('refunds.id', '=', refundId)
    .executeTakeFirstOrThrow();
  return { status: r.case_status, refund: { refundId: r.id, amountFen: r.amount_fen, status: r.status } };
}

// Approves a quote and pays it back, exactly once (docs/spec.md §4.6, §6):
// 1. one write transaction checks authority, state, version and facts, cancels auto-renew
//    and reserves the refund (pending) under the idempotency key — the key and the one-live-
//    refund-per-case index make a second payment impossible whatever runs concurrently;
// 2. the gateway is called outside any transaction;
// 3. a second transaction settles what it answered. A lost answer stays pending for the reconciler.
export async function approveCase(
  db: Db,
  gateway: PaymentGateway,
  staff: StaffIdentity,
  actor: Actor,
  input: Input,
  now: Date,
): Promise<Answer> {
  const reserved = await writeTx(db, async (tx) => {
    const replay = await tx
      .selectFrom('refunds')
      .innerJoin('orders', 'orders.order_no', 'refunds.order_no')
      .select([
        'refunds.id',
        'refunds.case_no',
        'refunds.quote_id',
        'refunds.status',
        'refunds.amount_fen',
        'refunds.order_no',
        'orders.transaction_id',
        'orders.payment_channel',
      ])
      .where('refunds.idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (replay) {
      if (replay.case_no !== input.caseNo || replay.quote_id !== input.quoteId) {
        throw new DomainError('CONFLICT', 'This idempotency key was already used for another approval');
      }
      const unsettled: RefundToPay | null =
        replay.status === 'pending'
          ? {
              id: replay.id,
              idempotencyKey: input.idempotencyKey,
              orderNo: replay.order_no,
              transactionId: replay.transaction_id,
              channel: replay.payment_channel,
              amountFen: replay.amount_fen,
            }
          : null;
      return { kind: 'replay', refundId: replay.id, unsettled } as const;
    }
    const kase = await loadCase(tx, input.caseNo);
    const live = await tx
      .selectFrom('refunds')
      .select(['id', 'status'])
      .where('case_no', '=', kase.case_no)
      .where('status', 'in', ['pending', 'succeeded'])
      .executeTakeFirst();
    if (live) throw new DomainError('CONFLICT', `This case already has a ${live.status} refund (#${live.id})`);
    const quote = await payingQuote(tx, kase.case_no, input.quoteId, 'reject the case instead');
    const order = await tx
      .selectFrom('orders')
      .select(['order_no', 'member_uid', 'plan_code', 'paid_fen', 'refunded_fen', 'payment_channel', 'transaction_id', 'anomaly'])
      .where('order_no', '=', kase.order_no)
      .executeTakeFirstOrThrow();
    if (order.payment_channel === 'apple_iap') {
      throw new DomainError('PRECONDITION_FAILED', 'Apple in-app purchases are refunded by Apple only');
    }
    await assertMayApprove(tx, staff, kase, {
      id: quote.id,
      amountFen: quote.amount_fen,
      needsSupervisor: quote.needs_supervisor === 1,
      createdBy: quote.created_by,
    });
    // Only a current quote is paid: same policy, same deciding facts (and usage where the basis
    // reads it), young enough, not replaced by a newer quote on its basis.
    const stale = await quoteStaleness(tx, quote, await currentPolicy(tx), now);
    if (stale) throw new DomainError('CONFLICT', stale.message, { details: { stale: stale.code } });
    const left = await leftToRefund(tx, order);
    if (quote.amount_fen > left) {
      throw new DomainError('PRECONDITION_FAILED', `Only ${formatFen(Math.max(0, left))} is left to refund on this order`);
    }
    await applyTransition(tx, kase, 'approve', actor, now, { quoteId: quote.id, expectedVersion: input.expectedVersion });
    // No refund leaves while auto-renew would charge the member again — except the refund of a
    // duplicate charge: the surviving order's subscription is the member's and stays.
    if (order.anomaly !== 'duplicate_charge') {
      await cancelAutoRenew(tx, order.member_uid, order.plan_code, actor, now, `refund approved on ${kase.case_no}`, {
        notify: { caseNo: kase.case_no },
      });
    }
    const refund = await tx
      .insertInto('refunds')
      .values({
        case_no: kase.case_no,
        order_no: order.order_no,
        quote_id: quote.id,
        amount_fen: quote.amount_fen,
        payment_channel: order.payment_channel,
        status: 'pending',
        gateway_ref: null,
        failure_reason: null,
        idempotency_key: input.idempotencyKey,
        approved_by: staff.id,
        created_at: now.toISOString(),
        settled_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      tx,
      actor,
      {
        action: 'refund.create',
        entityType: 'refund',
        entityId: String(refund.id),
        after: { caseNo: kase.case_no, orderNo: order.order_no, amountFen: quote.amount_fen, quoteId: quote.id, status: 'pending' },
      },
      now,
    );
    // The member is told of the approval now: the amount and when it arrives (spec §4.7).
    await tellApproval(
      tx,
      { caseNo: kase.case_no, refundId: refund.id, amountFen: quote.amount_fen, channel: order.payment_channel, quoteId: quote.id },
      actor.id,
      now,
    );
    return {
      kind: 'new',
      refund: {
        id: refund.id,
        idempotencyKey: input.idempotencyKey,
        orderNo: order.order_no,
        transactionId: order.transaction_id,
        channel: order.payment_channel,
        amountFen: quote.amount_fen,
      },
    } as const;
  });

  if (reserved.kind === 'replay') {
    // A retry while the first request still waits for the gateway (a double click), or after its
    // answer was lost: ask again under the same key — the gateway never pays a key twice and
    // settling is a no-op once settled — so the retry gets the first request's answer, not a
    // snapshot of its progress.
    if (reserved.unsettled) {
      const outcome = await payBack(gateway, reserved.unsettled);
      if (outcome) await settleRefund(db, reserved.refundId, outcome, actor, now);
    }
    return answerFor(db, reserved.refundId);
  }
  const outcome = await payBack(gateway, reserved.refund);
  if (outcome) await settleRefund(db, reserved.refund.id, outcome, actor, now);
  return answerFor(db, reserved.refund.id);
}
