import type { GatewayOutcome, GatewayRefundRequest, PaymentGateway } from './payment-gateway';
import { GatewayTimeoutError } from './payment-gateway';

export interface SimulatedGatewayOptions {
  latencyMs: number;
  /** share of requests declined, 0..1 */
  failureRate: number;
  /** share of requests that time out (the refund is recorded at the provider but the answer is lost) */
  timeoutRate: number;
  /** deterministic randomness for tests */
  random?: () => number;
  /** force the next outcomes, for tests: 'decline' | 'timeout' | 'ok' */
  script?: ('decline' | 'timeout' | 'ok')[];
}

// A believable provider: per-channel latency, declines, lost answers. It remembers what it
// did per idempotency key, so asking twice returns the first answer and pays once.
export function createSimulatedGateway(options: SimulatedGatewayOptions): PaymentGateway & { paid: Map<string, GatewayOutcome> } {
  const random = options.random ?? Math.random;
  const paid = new Map<string, GatewayOutcome>();
  let sequence = 0;

  const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

  return {
    paid,
    async refund(req: GatewayRefundRequest) {
      const channelFactor = req.channel === 'bank_card' ? 2 : 1;
      await sleep(options.latencyMs * channelFactor);
      const known = paid.get(req.idempotencyKey);
      if (known) return known;
      const forced = options.script?.shift();
      const roll = random();
      if (forced === 'decline' || (!forced && roll < options.failureRate)) {
        const outcome: GatewayOutcome = { status: 'failed', reason: 'declined by provider (simulated)' };
        paid.set(req.idempotencyKey, outcome);
        return outcome;
      }
      sequence++;
      const ref = `GW${Date.now().toString(36).toUpperCase()}${sequence}`;
      // Bank cards settle in days: the provider accepts now and confirms later.
      const outcome: GatewayOutcome =
        req.channel === 'bank_card' ? { status: 'pending', gatewayRef: ref } : { status: 'succeeded', gatewayRef: ref };
      paid.set(req.idempotencyKey, outcome);
      if (forced === 'timeout' || (!forced && roll < options.failureRate + options.timeoutRate)) {
        throw new GatewayTimeoutError();
      }
      return outcome;
    },
    async lookup(key: string) {
      await sleep(options.latencyMs / 2);
      const known = paid.get(key) ?? null;
      // A pending bank-card refund is confirmed when looked up again (the demo's "days later").
      if (known?.status === 'pending') {
        const settled: GatewayOutcome = { status: 'succeeded', gatewayRef: known.gatewayRef };
        paid.set(key, settled);
        return settled;
      }
      return known;
    },
  };
}
