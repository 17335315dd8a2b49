// Writes the order book in key order: subscriptions, then orders, each order's entitlement and
// its usage events (events in time order, so the (order_no, at) index only ever grows at its end).
import type Database from 'better-sqlite3';
import { bulkInserter } from './bulk';
import type { SeedOrder, SeedSubscription } from './orders';
import type { Progress } from './progress';
import { DAY_MS, iso, isoOrNull } from './seed-time';
import { forEachUsage, type EmitUsage } from './usage';

const COMMIT_EVERY = 50_000;

export function writeSubscriptions(db: Database.Database, subs: SeedSubscription[]): number {
  const ins = bulkInserter(db, 'subscriptions', [
    'id',
    'member_uid',
    'plan_code',
    'status',
    'started_at',
    'next_charge_at',
    'cancelled_at',
    'cancelled_by',
  ]);
  for (const s of subs) {
    ins.add(
      s.id,
      s.member.uid,
      s.plan.code,
      s.status,
      iso(s.startedMs),
      isoOrNull(s.nextChargeMs),
      isoOrNull(s.cancelledMs),
      s.cancelledBy,
    );
  }
  ins.flush();
  return ins.rows;
}

/** Async only to let the event loop turn between transactions (the staff hashes finish meanwhile). */
export async function writeOrders(db: Database.Database, seed: number, orders: SeedOrder[], nowMs: number, progress: Progress) {
  const ord = bulkInserter(db, 'orders', [
    'order_no',
    'member_uid',
    'plan_code',
    'paid_fen',
    'refunded_fen',
    'status',
    'payment_channel',
    'platform',
    'transaction_id',
    'created_at',
    'paid_at',
    'is_renewal',
    'anomaly',
    'related_order_no',
    'open_case_no',
    'purchase_token',
  ]);
  const ent = bulkInserter(db, 'entitlements', ['order_no', 'member_uid', 'activated_at', 'starts_at', 'ends_at', 'revoked_at']);
  const use = bulkInserter(db, 'usage_events', ['order_no', 'at', 'kind', 'detail', 'value_fen', 'ip', 'device']);
  let orderNo = '';
  const emit: EmitUsage = (at, kind, detail, valueFen, ip, device) => use.add(orderNo, iso(at), kind, detail, valueFen, ip, device);
  const flushAll = () => {
    ord.flush();
    ent.flush();
    use.flush();
  };
  progress.phase('orders', orders.length);
  db.exec('begin');
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i]!;
    orderNo = o.orderNo;
    ord.add(
      o.orderNo,
      o.member.uid,
      o.plan.code,
      o.plan.priceFen,
      o.refundedFen,
      o.status,
      o.channel,
      o.platform,
      o.txId,
      iso(o.createdMs),
      isoOrNull(o.paidMs),
      o.isRenewal ? 1 : 0,
      o.anomaly,
      o.related?.orderNo ?? null,
      o.openCaseNo,
      o.purchaseToken,
    );
    if (o.paidMs !== null) {
      const ends = o.paidMs + o.plan.durationDays * DAY_MS;
      ent.add(o.orderNo, o.member.uid, isoOrNull(o.activatedMs), iso(o.paidMs), iso(ends), isoOrNull(o.revokedMs));
      forEachUsage(seed, i, o, nowMs, emit);
    }
    if ((i + 1) % COMMIT_EVERY === 0) {
      // Measured: moderate transactions beat one huge one here (less cache pressure).
      flushAll();
      db.exec('commit');
      progress.tick(i + 1);
      await new Promise(setImmediate);
      db.exec('begin');
    }
  }
  flushAll();
  db.exec('commit');
  return { orders: ord.rows, entitlements: ent.rows, usage_events: use.rows };
}
