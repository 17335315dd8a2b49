import type { Request, Response } from 'express';
import type { Deps } from '../context';
import { writeTx } from '../db/write-tx';
import { DomainError } from '../errors';
import { drain, readLimitedBody } from '../http/read-limited-body';
import { refuse, sendError } from '../http/send-error';
import { log } from '../log';
import { receiveAppleNotification } from './apply-apple';
import { verifyAppleNotification } from './apple-verify';
import { sendConsumption, storeConsent } from './send-consumption';

// POST /api/v1/stores/apple/notifications (docs/integration.md §6): App Store Server Notifications
// V2, `{"signedPayload": "<JWS>"}`. Verified before the write transaction opens, so a refused
// notification writes nothing (401); a notificationUUID seen before answers 200 and changes
// nothing. Apple retries anything but a 2xx, so an accepted notification is answered 200 even
// when its automatic consumption answer could not be sent (that is on the case, to send again).

export const MAX_NOTIFICATION_BYTES = 256 * 1024;

export function appleNotifications(deps: Deps) {
  return async (req: Request, res: Response) => {
    const config = deps.config.apple;
    if (!config) {
      drain(req, MAX_NOTIFICATION_BYTES * 4);
      return refuse(res, 'NOT_FOUND', 'Nothing here: check the address');
    }
    const body = await readLimitedBody(req, MAX_NOTIFICATION_BYTES);
    if (!body.ok) {
      if (body.reason === 'aborted') return void res.end();
      return refused(res, new DomainError('PAYLOAD_TOO_LARGE', `A notification is at most ${MAX_NOTIFICATION_BYTES} bytes`));
    }
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.bytes.toString('utf8'));
      } catch {
        throw new DomainError('BAD_REQUEST', 'The body is not valid JSON');
      }
      const signedPayload = (parsed as { signedPayload?: unknown } | null)?.signedPayload;
      if (typeof signedPayload !== 'string' || signedPayload.length === 0)
        throw new DomainError('BAD_REQUEST', 'The body must be {"signedPayload": "<JWS>"}');
      const now = deps.now();
      const notification = await verifyAppleNotification(config, signedPayload, now);
      const result = await writeTx(deps.db, (tx) => receiveAppleNotification(tx, notification, now));
      let autoSent: boolean | undefined;
      if (!result.duplicate && config.autoSend && notification.notificationType === 'CONSUMPTION_REQUEST' && result.caseNo) {
        autoSent = await autoSend(deps, result.caseNo);
      }
      res.status(200).json({ ok: true, duplicate: result.duplicate, outcome: result.outcome, caseNo: result.caseNo, autoSent });
    } catch (error) {
      if (error instanceof DomainError) return refused(res, error);
      sendError(res, error);
    }
  };
}

/** APPLE_CONSUMPTION_AUTO_SEND: the computed answer goes out at once when the member's consent is on record. */
async function autoSend(deps: Deps, caseNo: string): Promise<boolean> {
  const kase = await deps.db.selectFrom('refund_cases').select('member_uid').where('case_no', '=', caseNo).executeTakeFirstOrThrow();
  if (!(await storeConsent(deps.db, kase.member_uid)).consented) return false;
  try {
    await sendConsumption(deps.db, deps.config.apple, { id: null, username: 'auto', role: 'system' }, caseNo, deps.now());
    return true;
  } catch (error) {
    log.warn('automatic consumption answer not sent', { caseNo, reason: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

/** A refusal, logged without the payload. */
function refused(res: Response, error: DomainError) {
  log.warn('app store notification refused', { code: error.code, reason: error.message });
  sendError(res, error);
}
