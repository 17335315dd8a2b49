import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerOrLose, drop, eventId, injectedFailure, readBody, sendJson, signedOrRefused, type FakeKit } from './fake-service-kit';

// The fake member notification service (docs/integration.md §3): POST /messages, signed, with
// Idempotency-Key = messageId; a message id is delivered once however often it is sent, answered
// 202, and its receipt (message.delivered) goes back to the console as an event. A share of the
// messages (deliveryFailureRate, decided once per id) is accepted but never reaches the member:
// their receipt is message.failed, with a reason.

/** The reason a message.failed receipt gives: the fake's own words, no personal data. */
export const UNDELIVERED_REASON = 'undeliverable (fake): the member could not be reached';

export interface FakeMessage {
  messageId: string;
  memberUid: string;
  channel: string;
  /** requests that carried this id */
  requests: number;
  /** times it reached the member: 1 whatever happened, 0 when its delivery failed */
  deliveries: number;
  /** the receipt the service gives for it (sent to the console when `notify` is on) */
  receipt: 'delivered' | 'failed';
}

export function createFakeMessageService(kit: FakeKit, secret: string) {
  const messages = new Map<string, FakeMessage>();

  async function send(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    if (!signedOrRefused(req, res, raw, secret)) return;
    let body: { messageId?: unknown; memberUid?: unknown; channel?: unknown; body?: unknown };
    try {
      body = JSON.parse(raw.toString('utf8')) as typeof body;
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key !== body.messageId) return sendJson(res, 400, { error: 'Idempotency-Key must equal messageId' });
    if ((body.channel !== 'sms' && body.channel !== 'in_app') || typeof body.memberUid !== 'string' || typeof body.body !== 'string')
      return sendJson(res, 400, { error: 'memberUid, channel (sms | in_app) and body are required' });
    if (await injectedFailure(kit, res)) return;
    let message = messages.get(key);
    if (!message) {
      const failed = kit.random() < kit.settings.deliveryFailureRate;
      message = {
        messageId: key,
        memberUid: body.memberUid,
        channel: body.channel,
        requests: 0,
        deliveries: failed ? 0 : 1,
        receipt: failed ? 'failed' : 'delivered',
      };
      messages.set(key, message);
      if (kit.events && kit.settings.notify) {
        const at = new Date().toISOString();
        kit.events.push(
          failed
            ? {
                id: eventId('fk-receipt'),
                type: 'message.failed',
                occurredAt: at,
                data: { messageId: key, at, reason: UNDELIVERED_REASON },
              }
            : { id: eventId('fk-receipt'), type: 'message.delivered', occurredAt: at, data: { messageId: key, at } },
        );
      }
    }
    message.requests++;
    await answerOrLose(kit, req, res, 202, { providerRef: `FKMSG-${key}` });
  }

  return {
    messages,
    async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
      if (path !== '/messages') return false;
      if (kit.settings.down === true || kit.settings.down === 'messages') drop(req);
      else if (req.method === 'POST') await send(req, res);
      else sendJson(res, 405, { error: 'method not allowed' });
      return true;
    },
  };
}
