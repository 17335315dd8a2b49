// What Apple and Google Play told the console about the demo's store orders (docs/integration.md
// §6), played through the console's own notification handlers (server/stores/) on the written
// database, so store_notifications, store_requests, the orders, entitlements, cases and audit
// events are exactly what the live endpoints would have written:
// - Apple REFUNDs of a few App Store orders (refunded by the store, entitlement revoked), in the
//   last 25 days, so the dashboard's default 30 days count them;
// - one REFUND_DECLINED (Apple said no);
// - one Google Play void the member obtained from Google (voidedSource 0: refunded by the store);
// - two open CONSUMPTION_REQUEST cases in the team's queue, asked within the last hours (their
//   12-hour respondBy still ahead of the seed's now): one waiting for its answer, at the head of
//   the queue; one answered by agent1 after writing down the member's spoken consent.
// Orders are picked from those with no case and no refund, in a seeded order. seed-database.ts
// runs this under auditAside (audit-seed.ts), so the handlers' audit events join the cases' in
// time order.
import type { OpenedDatabase } from '../db/client';
import { writeTx } from '../db/write-tx';
import type { AppleNotification } from '../stores/apple-verify';
import { receiveAppleNotification } from '../stores/apply-apple';
import { receiveGoogleNotification } from '../stores/apply-google';
import { recordConsumptionSend, recordStoreConsent, storeConsent, waitingRequest } from '../stores/send-consumption';
import { int, mixSeed, mulberry32, type Rng } from './prng';
import { STAFF } from './reference-data';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './seed-time';

const APPLE_REFUNDS = 4;

interface Candidate {
  order_no: string;
  member_uid: string;
  transaction_id: string;
  purchase_token: string | null;
  paid_fen: number;
  paid_ms: number;
  /** the last usage event, or the payment when there is none: a revocation comes after it */
  last_ms: number;
}

/** Returns how many notifications were applied (0 when the demo has no store orders to speak of). */
export async function seedStoreEvents(opened: OpenedDatabase, seed: number, nowMs: number): Promise<number> {
  const r = mulberry32(mixSeed(seed, 0x5702e));
  const apple = shuffled(r, candidates(opened, 'apple_iap', nowMs));
  const google = shuffled(r, candidates(opened, 'google_play', nowMs));
  const db = opened.db;
  let applied = 0;

  const appleNotification = async (type: string, o: Candidate, signedMs: number, extra: Partial<AppleNotification> = {}) => {
    const n: AppleNotification = {
      notificationUUID: uuid(r),
      notificationType: type,
      subtype: null,
      signedAt: new Date(signedMs).toISOString(),
      consumptionRequestReason: null,
      transaction: {
        transactionId: o.transaction_id,
        originalTransactionId: o.transaction_id,
        price: o.paid_fen * 10, // milliunits of the currency
        currency: 'CNY',
      },
      renewal: null,
      ...extra,
    };
    const received = new Date(signedMs + int(r, 2, 90) * 1000);
    const result = await writeTx(db, (tx) => receiveAppleNotification(tx, n, received));
    if (result.outcome === 'applied') applied++;
    return result;
  };

  // Apple refunded these itself, on days of the last 25, a while after the member last used them
  // (Apple refunds purchases of the last 90 days).
  const refunded: Candidate[] = [];
  for (let k = 0; k < APPLE_REFUNDS; k++) {
    const signedMs = nowMs - int(r, 1 * 24, 25 * 24) * HOUR_MS - int(r, 0, 59) * MINUTE_MS;
    const o = apple.find((c) => !refunded.includes(c) && c.last_ms < signedMs - 2 * HOUR_MS && c.paid_ms > signedMs - 80 * DAY_MS);
    if (!o) break;
    refunded.push(o);
    await appleNotification('REFUND', o, signedMs, {
      transaction: {
        transactionId: o.transaction_id,
        originalTransactionId: o.transaction_id,
        revocationDate: signedMs - int(r, 1, 30) * MINUTE_MS,
        revocationReason: int(r, 0, 1),
        price: o.paid_fen * 10,
        currency: 'CNY',
      },
    });
  }
  const rest = apple.filter((o) => !refunded.includes(o));

  // Apple declined one member's request.
  const declined = rest.find((o) => o.paid_ms < nowMs - 5 * DAY_MS);
  if (declined) await appleNotification('REFUND_DECLINED', declined, nowMs - int(r, 2 * 24 * 60, 10 * 24 * 60) * MINUTE_MS);

  // Apple asks how much was consumed: one answered already, one waiting (the queue's head).
  // (members ask Apple soon after buying: orders of the last 40 days first)
  const others = rest.filter((o) => o !== declined);
  const asked = [...others.filter((o) => o.paid_ms > nowMs - 40 * DAY_MS), ...others].slice(0, 2);
  const [answered, waiting] = asked;
  if (answered) {
    const askedMs = nowMs - int(r, 6 * 60, 8 * 60) * MINUTE_MS;
    const { caseNo } = await appleNotification('CONSUMPTION_REQUEST', answered, askedMs, {
      consumptionRequestReason: 'UNINTENDED_PURCHASE',
    });
    if (caseNo) {
      const agent = STAFF.agent1;
      const consentMs = askedMs + int(r, 30, 120) * MINUTE_MS;
      await recordStoreConsent(
        db,
        agent,
        { caseNo, consented: true, note: '会员来电中口头同意向 Apple 共享使用数据' },
        new Date(consentMs),
      );
      const request = await waitingRequest(db, caseNo);
      const consent = await storeConsent(db, answered.member_uid);
      if (request)
        await writeTx(db, (tx) =>
          recordConsumptionSend(
            tx,
            agent,
            { caseNo, request, consentSource: consent.source, failure: null },
            new Date(consentMs + 2 * MINUTE_MS),
          ),
        );
    }
  }
  if (waiting)
    await appleNotification('CONSUMPTION_REQUEST', waiting, nowMs - int(r, 60, 3 * 60) * MINUTE_MS, {
      consumptionRequestReason: 'OTHER',
    });

  // The member had Google refund a Play order (voidedSource 0: the user; refundType 1: in full).
  const eventMs = nowMs - int(r, 2 * 24, 20 * 24) * HOUR_MS - int(r, 0, 59) * MINUTE_MS;
  const voided = google.find((o) => o.last_ms < eventMs - HOUR_MS && o.purchase_token);
  if (voided) {
    const result = await writeTx(db, (tx) =>
      receiveGoogleNotification(
        tx,
        {
          messageId: String(int(r, 1e15, 9e15)),
          publishTime: new Date(eventMs + 1000).toISOString(),
          packageName: 'com.example.refunddesk',
          eventAt: new Date(eventMs).toISOString(),
          voided: { purchaseToken: voided.purchase_token!, orderId: voided.transaction_id, productType: 1, refundType: 1, voidedSource: 0 },
          subscription: null,
          kind: 'voidedPurchaseNotification',
        },
        new Date(eventMs + int(r, 2, 60) * 1000),
      ),
    );
    if (result.outcome === 'applied') applied++;
  }
  return applied;
}

/** Paid orders of a store with no case, no refund and no anomaly, paid at least a week before now, by number. */
function candidates(opened: OpenedDatabase, channel: 'apple_iap' | 'google_play', nowMs: number): Candidate[] {
  const rows = opened.sqlite
    .prepare(
      `select o.order_no, o.member_uid, o.transaction_id, o.purchase_token, o.paid_fen, o.paid_at,
              coalesce((select max(u.at) from usage_events u where u.order_no = o.order_no), o.paid_at) last_at
       from orders o
       where o.payment_channel = ? and o.status = 'paid' and o.refunded_fen = 0 and o.anomaly is null
         and o.open_case_no is null and o.paid_at is not null and o.paid_at < ?
         and not exists (select 1 from refund_cases c where c.order_no = o.order_no)
       order by o.order_no`,
    )
    .all(channel, new Date(nowMs - 7 * DAY_MS).toISOString()) as (Omit<Candidate, 'paid_ms' | 'last_ms'> & {
    paid_at: string;
    last_at: string;
  })[];
  return rows.map(({ paid_at, last_at, ...o }) => ({ ...o, paid_ms: Date.parse(paid_at), last_ms: Date.parse(last_at) }));
}

/** A seeded Fisher–Yates shuffle (a copy). */
function shuffled<T>(r: Rng, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A version-4-shaped UUID from the seeded stream (Apple's notificationUUID). */
function uuid(r: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(r() * 4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
