import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { literal } from '../db/literal-limit';
import type { PaymentGateway } from '../adapters/payment-gateway';
import { SYSTEM_ACTOR } from '../audit/record-audit';
import type { Db } from '../db/client';
import { engineOf } from '../db/engine';
import { writeTx } from '../db/write-tx';
import { log } from '../log';
import { payBack } from './pay-back';
import { settleRefund } from './settle-refund';

// Settles refunds left pending: a lost gateway answer (timeout) or a bank card still settling.
// It asks the gateway what it knows under the refund's idempotency key; when the gateway never
// saw the request, it sends it again under the same key, which cannot pay twice.
//
// Every server runs it (docs/deployment.md § Several servers). A run first claims the refunds it
// will settle, in one write transaction: it sets `reconcile_claimed_until`, and skips refunds
// another server claimed until later — on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so a claim
// never waits on another server's (SQLite has one writer and one server). Two servers therefore
// never ask the gateway about the same refund at once. Each claim is released once its refund is
// done with; a server that dies mid-run leaves claims that end after CLAIM_MS by themselves.
export const CLAIM_MS = 5 * 60_000;

export async function reconcileRefunds(db: Db, gateway: PaymentGateway, now: () => Date, olderThanMs = 30_000): Promise<number> {
  const pending = await claimPending(db, now(), olderThanMs);
  let settled = 0;
  for (const r of pending) {
    // Background work gives way to agents between two refunds: with a gateway that answers at
    // once, awaiting it never reaches the event loop, and fifty settlements in a row held every
    // request for ~400 ms (the load test's p99 at 1,000,000 orders, docs/performance.md).
    await yieldToRequests();
    try {
      const known = await gateway.lookup(r.idempotency_key).catch(() => null);
      const outcome =
        known ??
        (await payBack(gateway, {
          id: r.id,
          idempotencyKey: r.idempotency_key,
          orderNo: r.order_no,
          transactionId: r.transaction_id,
          channel: r.payment_channel,
          amountFen: r.amount_fen,
        }));
      if (outcome && outcome.status !== 'pending') {
        await settleRefund(db, r.id, outcome, SYSTEM_ACTOR, now());
        settled++;
      }
    } finally {
      await release(db, r.id, r.claimedUntil);
    }
  }
  return settled;
}

/** Up to fifty pending refunds old enough and claimed by nobody, now claimed by this run. */
async function claimPending(db: Db, at: Date, olderThanMs: number) {
  const cutoff = new Date(at.getTime() - olderThanMs).toISOString();
  const claimedUntil = new Date(at.getTime() + CLAIM_MS).toISOString();
  const postgres = engineOf(db) === 'postgres';
  // Nothing pending (the usual case): no write lock is taken, every run, on every server.
  const any = await db
    .selectFrom('refunds')
    .select('id')
    .where('status', '=', 'pending')
    .where('created_at', '<=', cutoff)
    .limit(literal(1))
    .executeTakeFirst();
  if (!any) return [];
  return writeTx(db, async (tx) => {
    const rows = await tx
      .selectFrom('refunds')
      .innerJoin('orders', 'orders.order_no', 'refunds.order_no')
      .select([
        'refunds.id',
        'refunds.idempotency_key',
        'refunds.order_no',
        'refunds.amount_fen',
        'orders.payment_channel',
        'orders.transaction_id',
      ])
      .where('refunds.status', '=', 'pending')
      .where('refunds.created_at', '<=', cutoff)
      .where((eb) =>
        eb.or([eb('refunds.reconcile_claimed_until', 'is', null), eb('refunds.reconcile_claimed_until', '<=', at.toISOString())]),
      )
      .orderBy('refunds.id')
      .limit(literal(50))
      .$if(postgres, (q) => q.forUpdate('refunds').skipLocked())
      .execute();
    if (rows.length > 0)
      await tx
        .updateTable('refunds')
        .set({ reconcile_claimed_until: claimedUntil })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    return rows.map((r) => ({ ...r, claimedUntil }));
  });
}

/** Ends this run's claim on a refund (not one a later run took after this one's ended). */
async function release(db: Db, refundId: number, claimedUntil: string): Promise<void> {
  await db
    .updateTable('refunds')
    .set({ reconcile_claimed_until: null })
    .where('id', '=', refundId)
    .where('reconcile_claimed_until', '=', claimedUntil)
    .execute()
    .catch((error: unknown) =>
      log.warn('reconciler: claim not released, it ends by itself', {
        refundId,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
}
