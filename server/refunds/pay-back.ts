import type { GatewayOutcome, PaymentGateway } from '../adapters/payment-gateway';
import { GatewayTimeoutError } from '../adapters/payment-gateway';

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
// gateway interface to the Play Developer API (adapters/play-gateway.ts), in full only. A lost answer (timeout) returns null
// and leaves the refund pending for the reconciler.
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
    if (error instanceof GatewayTimeoutError) return null;
    return { status: 'failed', reason: error instanceof Error ? error.message : 'gateway error' };
  }
}
