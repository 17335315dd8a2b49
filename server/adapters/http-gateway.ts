import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Db } from '../db/client';
import { log } from '../log';
import { createBreaker, type BreakerSettings } from './breaker';
import type { GatewayOutcome, GatewayRefundRequest, PaymentGateway } from './payment-gateway';
import { GatewayTimeoutError, GatewayUnavailableError } from './payment-gateway';
import { OutboundError, sendSigned, type Timeouts } from './signed-request';

// The payment gateway over HTTP (docs/integration.md §2), switched on by PAYMENT_GATEWAY_URL:
// POST {url}/refunds and GET {url}/refunds/{key}, signed with PAYMENT_GATEWAY_SECRET.
// - Only an answer `failed` declines a refund. Anything else that is not an answer — a timeout, a
//   dropped connection, a 5xx, a refused signature, an open breaker — leaves it pending: the
//   reconciler asks again under the same key, and a refund.settled event may settle it first.
// - A retry reuses the idempotency key, always. Only a request that cannot have reached the
//   gateway (no connection) or that it refused with 5xx / 429 is retried at once (`retries`
//   times, backoff doubling from `retryBackoffMs`); after a lost answer the agent is not kept
//   waiting for a second one — the reconciler does that.
// - The breaker (breaker.ts, in the database) refuses calls at once while the gateway is dead.

export interface OutboundSettings {
  timeouts: Timeouts;
  breaker: BreakerSettings;
  retries: number;
  retryBackoffMs: number;
}

const outcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('succeeded'), gatewayRef: z.string().min(1) }),
  z.object({ status: z.literal('pending'), gatewayRef: z.string().min(1) }),
  z.object({ status: z.literal('failed'), reason: z.string().default('declined by the gateway') }),
]);

/** What an answer that is not an outcome means: retry at once, or leave the refund pending. */
type NoOutcome = { retry: boolean; reason: string; lost: boolean };

function toOutcome(status: number, json: unknown): GatewayOutcome | NoOutcome {
  if (status === 200 || status === 201 || status === 202) {
    const parsed = outcomeSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    return { retry: false, lost: false, reason: `the gateway answered ${status} without a valid outcome` };
  }
  if (status >= 500 || status === 429) return { retry: true, lost: false, reason: `the gateway answered ${status}` };
  if (status === 401) return { retry: false, lost: false, reason: 'the gateway refused our signature (401)' };
  return { retry: false, lost: false, reason: `the gateway refused the request (${status})` };
}

export function createHttpGateway(opts: { url: string; secret: string; db: Db; settings: OutboundSettings }): PaymentGateway {
  const base = opts.url.replace(/\/+$/, '');
  const breaker = createBreaker(opts.db, 'payment_gateway', opts.settings.breaker);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const { timeouts } = opts.settings;

  /** One request: the gateway's outcome, 'unknown' (404 on a lookup), or why there is none. */
  async function ask(method: 'GET' | 'POST', path: string, key: string, body?: unknown): Promise<GatewayOutcome | NoOutcome | 'unknown'> {
    try {
      const answer = await sendSigned({ method, url: `${base}${path}`, secret: opts.secret, idempotencyKey: key, body, timeouts, agent });
      if (method === 'GET' && answer.status === 404) return 'unknown';
      return toOutcome(answer.status, answer.json);
    } catch (error) {
      if (!(error instanceof OutboundError)) throw error;
      return { retry: error.kind === 'not_sent', lost: error.kind === 'no_answer', reason: error.message };
    }
  }

  async function gaveUp(what: string, key: string, failure: NoOutcome): Promise<never> {
    await breaker.failed(failure.reason);
    log.warn('payment gateway: no outcome, the refund stays pending', { what, idempotencyKey: key, reason: failure.reason });
    throw failure.lost ? new GatewayTimeoutError() : new GatewayUnavailableError(`payment gateway unavailable: ${failure.reason}`);
  }

  async function mayCall(): Promise<void> {
    if (!(await breaker.allows())) throw new GatewayUnavailableError('payment gateway unavailable (circuit breaker open)');
  }

  return {
    async refund(req: GatewayRefundRequest) {
      await mayCall();
      const body = { orderNo: req.orderNo, transactionId: req.transactionId, channel: req.channel, amountFen: req.amountFen };
      for (let attempt = 0; ; attempt++) {
        const answer = await ask('POST', '/refunds', req.idempotencyKey, body);
        if (answer !== 'unknown' && 'status' in answer) {
          await breaker.succeeded();
          return answer;
        }
        const failure: NoOutcome = answer === 'unknown' ? { retry: false, lost: false, reason: 'unexpected 404' } : answer;
        if (!failure.retry || attempt >= opts.settings.retries) return gaveUp('refund', req.idempotencyKey, failure);
        await sleep(opts.settings.retryBackoffMs * 2 ** attempt);
      }
    },

    async lookup(key: string) {
      await mayCall();
      const answer = await ask('GET', `/refunds/${encodeURIComponent(key)}`, key);
      if (answer !== 'unknown' && !('status' in answer)) return gaveUp('lookup', key, answer);
      await breaker.succeeded();
      return answer === 'unknown' ? null : answer;
    },
  };
}
