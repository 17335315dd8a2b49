import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayOutcome } from '../../server/adapters/payment-gateway';
import { answerOrLose, drop, eventId, injectedFailure, readBody, sendJson, signedOrRefused, type FakeKit } from './fake-service-kit';

// The fake payment gateway (docs/integration.md §2): POST /refunds and GET /refunds/{key}, signed
// with the gateway secret, idempotent by key — a key is paid once however often it is asked,
// and the same key with another body is refused (409). Bank cards answer pending and succeed
// `settleAfterMs` later. An outcome the console did not hear (lost, or its timeout came first)
// is sent to it as a refund.settled / refund.failed event; `duplicateRate` sends it twice more.

export interface FakeRefund {
  key: string;
  orderNo: string;
  transactionId: string;
  channel: string;
  amountFen: number;
  outcome: GatewayOutcome;
  /** requests that carried this key */
  requests: number;
  /** times money moved for this key: 1, whatever happened */
  payments: number;
}

export function createFakeGateway(kit: FakeKit, secret: string) {
  const refunds = new Map<string, FakeRefund>();
  /** POST /refunds per Idempotency-Key, signed, failed on purpose or not */
  const attempts = new Map<string, number>();
  let seq = 0;

  function tellConsole(refund: FakeRefund) {
    if (!kit.events || !kit.settings.notify || refund.outcome.status === 'pending') return;
    const at = new Date().toISOString();
    const o = refund.outcome;
    kit.events.push({
      id: eventId('fk-refund'),
      type: o.status === 'succeeded' ? 'refund.settled' : 'refund.failed',
      occurredAt: at,
      data:
        o.status === 'succeeded'
          ? { idempotencyKey: refund.key, gatewayRef: o.gatewayRef, at }
          : { idempotencyKey: refund.key, reason: o.reason, at },
    });
  }

  function settleLater(refund: FakeRefund) {
    setTimeout(() => {
      if (refund.outcome.status !== 'pending') return;
      refund.outcome = { status: 'succeeded', gatewayRef: refund.outcome.gatewayRef };
      tellConsole(refund);
    }, kit.settings.settleAfterMs).unref();
  }

  async function create(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    if (!signedOrRefused(req, res, raw, secret)) return;
    const key = req.headers['idempotency-key'];
    let body: { orderNo?: unknown; transactionId?: unknown; channel?: unknown; amountFen?: unknown };
    try {
      body = JSON.parse(raw.toString('utf8')) as typeof body;
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
    if (typeof key !== 'string' || !key) return sendJson(res, 400, { error: 'Idempotency-Key is required' });
    if (!Number.isInteger(body.amountFen) || Number(body.amountFen) <= 0 || typeof body.orderNo !== 'string')
      return sendJson(res, 400, { error: 'orderNo and a positive whole amountFen are required' });
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
    if (await injectedFailure(kit, res)) return;

    let refund = refunds.get(key);
    if (refund && (refund.orderNo !== body.orderNo || refund.amountFen !== body.amountFen))
      return sendJson(res, 409, { error: 'this Idempotency-Key was used for another refund' });
    if (!refund) {
      const gatewayRef = `FKGW${++seq}`;
      const outcome: GatewayOutcome =
        kit.random() < kit.settings.declineRate
          ? { status: 'failed', reason: 'declined by the issuer (fake)' }
          : body.channel === 'bank_card'
            ? { status: 'pending', gatewayRef }
            : { status: 'succeeded', gatewayRef };
      refund = {
        key,
        orderNo: body.orderNo,
        transactionId: String(body.transactionId),
        channel: String(body.channel),
        amountFen: Number(body.amountFen),
        outcome,
        requests: 0,
        payments: outcome.status === 'failed' ? 0 : 1,
      };
      refunds.set(key, refund);
      if (outcome.status === 'pending') settleLater(refund);
    }
    refund.requests++;
    const heard = await answerOrLose(kit, req, res, 200, refund.outcome);
    if (!heard) tellConsole(refund);
    if (kit.random() < kit.settings.duplicateRate) {
      tellConsole(refund);
      tellConsole(refund);
    }
  }

  async function lookup(req: IncomingMessage, res: ServerResponse, key: string) {
    const raw = await readBody(req);
    if (!signedOrRefused(req, res, raw, secret)) return;
    if (await injectedFailure(kit, res)) return;
    const refund = refunds.get(key);
    await answerOrLose(kit, req, res, refund ? 200 : 404, refund ? refund.outcome : { error: 'no refund under this key' });
  }

  return {
    refunds,
    attempts,
    /** handles /refunds and /refunds/{key}; false when the path is not the gateway's */
    async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
      if (path !== '/refunds' && !path.startsWith('/refunds/')) return false;
      if (kit.settings.down === true || kit.settings.down === 'gateway') {
        drop(req);
        return true;
      }
      if (req.method === 'POST' && path === '/refunds') await create(req, res);
      else if (req.method === 'GET' && path.startsWith('/refunds/'))
        await lookup(req, res, decodeURIComponent(path.slice('/refunds/'.length)));
      else sendJson(res, 405, { error: 'method not allowed' });
      return true;
    },
  };
}
