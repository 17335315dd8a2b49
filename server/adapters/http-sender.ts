import http from 'node:http';
import type { Db } from '../db/client';
import { createBreaker } from './breaker';
import type { OutboundSettings } from './http-gateway';
import type { MessageSender } from './message-sender';
import { OutboundError, sendSigned } from './signed-request';

// The member notification service over HTTP (docs/integration.md §3), switched on by
// MESSAGE_SENDER_URL: POST {url}/messages, signed with MESSAGE_SENDER_SECRET, Idempotency-Key =
// messageId = the outbox's dedupe key, so a retry after a lost answer is not a second message.
// Accepted is 202 (200 too); anything else throws and the outbox retries on its own schedule
// (deliver-outbox.ts). No retry here: the outbox is the retry. The breaker (breaker.ts) refuses
// sends at once while the service is dead, so the outbox does not wait on it message by message.
// Delivery receipts come back as message.delivered / message.failed events.

export function createHttpSender(opts: { url: string; secret: string; db: Db; settings: OutboundSettings }): MessageSender {
  const url = `${opts.url.replace(/\/+$/, '')}/messages`;
  const breaker = createBreaker(opts.db, 'message_service', opts.settings.breaker);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  return {
    async send(message) {
      if (!(await breaker.allows())) throw new Error('message service unavailable (circuit breaker open)');
      const body = {
        messageId: message.dedupeKey,
        memberUid: message.memberUid,
        channel: message.channel === 'in_app_message' ? 'in_app' : 'sms',
        body: message.body,
      };
      let reason: string;
      try {
        const answer = await sendSigned({
          method: 'POST',
          url,
          secret: opts.secret,
          idempotencyKey: message.dedupeKey,
          body,
          timeouts: opts.settings.timeouts,
          agent,
        });
        if (answer.status === 202 || answer.status === 200) {
          await breaker.succeeded();
          const ref = (answer.json as { providerRef?: unknown } | null)?.providerRef;
          return { providerRef: typeof ref === 'string' ? ref : message.dedupeKey };
        }
        reason =
          answer.status === 401 ? 'the message service refused our signature (401)' : `the message service answered ${answer.status}`;
      } catch (error) {
        if (!(error instanceof OutboundError)) throw error;
        reason = error.message;
      }
      await breaker.failed(reason);
      throw new Error(reason);
    },
  };
}
