// The payment gateway behind one interface: over HTTP when PAYMENT_GATEWAY_URL is set
// (http-gateway.ts, docs/integration.md §2), otherwise the demo's simulation (simulated-gateway.ts).

export interface GatewayRefundRequest {
  idempotencyKey: string;
  orderNo: string;
  transactionId: string;
  channel: 'alipay' | 'wechat_pay' | 'bank_card' | 'apple_iap' | 'bcoin' | 'google_play';
  amountFen: number;
}

export type GatewayOutcome =
  /** money is on its way back and confirmed */
  | { status: 'succeeded'; gatewayRef: string }
  /** accepted, settles later (bank cards take days) */
  | { status: 'pending'; gatewayRef: string }
  /** the provider said no; nothing was paid */
  | { status: 'failed'; reason: string };

export class GatewayTimeoutError extends Error {
  constructor(message = 'payment gateway did not answer in time') {
    super(message);
  }
}

/**
 * The gateway could not be asked or gave no usable answer (its circuit breaker is open, it is
 * down, it refused our signature): like a timeout, the refund stays pending for the reconciler.
 */
export class GatewayUnavailableError extends GatewayTimeoutError {}

export interface PaymentGateway {
  /** Asks for a refund. The same idempotency key never pays twice at the provider either. May throw GatewayTimeoutError. */
  refund(request: GatewayRefundRequest): Promise<GatewayOutcome>;
  /** What the provider knows of a refund asked for earlier; null when it never saw it. */
  lookup(idempotencyKey: string): Promise<GatewayOutcome | null>;
}
