// Order numbers and payment transaction ids. Both embed a running counter, so they are unique
// by construction; the rest of the text looks like what each payment channel hands back.
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

export function caseNumber(createdMs: number, seq: number): string {
  return `RC${localYmd(createdMs)}${pad(seq, 5)}`;
}
