// Order numbers and payment transaction ids. Both embed a running counter, so they are unique
// by construction; the rest of the text looks like what each payment channel hands back.
import { createHash } from 'node:crypto';
import { digits, type Rng } from './prng';
import { localYmd } from './seed-time';

export type Channel = 'alipay' | 'wechat_pay' | 'bank_card' | 'apple_iap' | 'bcoin' | 'google_play';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Numbers sorted orders: KM + local yyyymmdd + 7-digit sequence within that day. */
export function numberOrders(r: Rng, orders: { createdMs: number; channel: Channel; orderNo: string; txId: string }[]): void {
  let day = '';
  let seq = 0;
  orders.forEach((o, i) => {
    const ymd = localYmd(o.createdMs);
    if (ymd !== day) {
      day = ymd;
      seq = 0;
    }
    seq++;
    o.orderNo = `KM${ymd}${pad(seq, 7)}`;
    o.txId = transactionId(r, o.channel, ymd, i);
  });
}

// The running counter sits before any random digits, so each channel's ids arrive in ascending
// order and the UNIQUE index on transaction_id grows at its end.
function transactionId(r: Rng, channel: Channel, ymd: string, n: number): string {
  switch (channel) {
    case 'alipay':
      return `${ymd}22001456${pad(n, 10)}${digits(r, 2)}`; // 28 digits, like an Alipay trade_no
    case 'wechat_pay':
      return `4200001858${ymd}${pad(n, 10)}`; // 28 digits, like a WeChat Pay transaction_id
    case 'bank_card':
      return `UP${ymd}${pad(n, 10)}${digits(r, 4)}`; // UnionPay query id
    case 'apple_iap':
      return `53000${pad(n, 9)}${digits(r, 2)}`; // 16 digits, like an App Store transaction id
    case 'bcoin':
      return `BC${ymd}${pad(n, 10)}`;
    case 'google_play':
      return `GPA.${pad(n, 4).slice(-4)}-${digits(r, 4)}-${digits(r, 4)}-${pad(n, 5)}`; // a Play orderId
  }
}

interface PlayOrder {
  channel: Channel;
  orderNo: string;
  txId: string;
  purchaseToken: string | null;
  sub: { id: number } | null;
}

/**
 * Google Play orders, in creation order: each purchase gets a purchase token, and a subscription's
 * orders share its first Play order's token and orderId, renewals suffixed `..0`, `..1`, … as
 * Google numbers them (docs/integration.md §6 matches voids by orderId, renewals by token).
 * Derived from the order number (no draw from the seeded stream, so nothing else moves).
 */
export function playPurchases(orders: PlayOrder[]): void {
  const chains = new Map<number, { token: string; orderId: string; renewals: number }>();
  for (const o of orders) {
    if (o.channel !== 'google_play') continue;
    const chain = o.sub ? chains.get(o.sub.id) : undefined;
    if (chain) {
      o.purchaseToken = chain.token;
      o.txId = `${chain.orderId}..${chain.renewals++}`;
      continue;
    }
    o.purchaseToken = purchaseToken(o.orderNo);
    if (o.sub) chains.set(o.sub.id, { token: o.purchaseToken, orderId: o.txId, renewals: 0 });
  }
}

/** Shaped like Play's: 24 lowercase letters, a dot, then an opaque "AO-J1O…" string. */
function purchaseToken(key: string): string {
  const bytes = createHash('sha512').update(`play-token:${key}`).digest();
  const letters = Array.from(bytes.subarray(0, 24), (b) => String.fromCharCode(97 + (b % 26))).join('');
  return `${letters}.AO-J1O${bytes.subarray(24).toString('base64url')}`;
}

export function caseNumber(createdMs: number, seq: number): string {
  return `RC${localYmd(createdMs)}${pad(seq, 5)}`;
}
