import type { GatewayOutcome, PaymentGateway } from '../adapters/payment-gateway';
import { GatewayTimeoutError } from '../adapters/payment-gateway';
import { log } from '../log';

export interface RefundToPay {
  id: number;
  idempotencyKey: string;
  orderNo: string;
  transactionId: string;
  channel: 'alipay' | 'wechat_pay' | 'bank_card' | 'apple_iap' | 'bcoin' | 'google_play';
  amountFen: number;
}

// Each payment channel pays back its own way (docs/spec.md §4.6): Alipay, WeChat Pay and bank cards
// through the gateway (bank cards settle later); B-coin straight back to the member's balance.
// Apple purchases never get here: Apple decides those. Google Play orders go through the
// gateway interface to the Play Developer API (adapters/play-gateway.ts), in full only.
// Only the provider's answer `failed` declines a refund. Any error instead of an answer — a lost
// answer (timeout), a gateway down, or the adapter failing after the provider paid (the HTTP
// gateway's breaker write refused by a busy database) — returns null: the refund stays pending,
// its amount reserved, and the reconciler asks the gateway under the same key. Calling such an
// error a decline would free the amount for a second approval and pay the member twice.
export async function payBack(gateway: PaymentGateway, refund: RefundToPay): Promise<GatewayOutcome | null> {
  if (refund.channel === 'bcoin') return { status: 'succeeded', gatewayRef: `BCOIN-${refund.id}` };
  if (refund.channel === 'apple_iap') return { status: 'failed', reason: 'Apple in-app purchases are refunded by Apple' };
  try {
    return await gateway.refund({
      idempotencyKey: refund.idempotencyKey,
      orderNo: refund.orderNo,
      transactionId: refund.transactionId,
      channel: refund.channel,
      amountFen: refund.amountFen,
    });
  } catch (error) {
    if (!(error instanceof GatewayTimeoutError)) {
      log.warn('payment gateway: no answer, the refund stays pending', {
        refundId: refund.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    return null;
  }
}
