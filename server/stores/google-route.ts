import type { Request, Response } from 'express';
import type { Deps } from '../context';
import { writeTx } from '../db/write-tx';
import { DomainError } from '../errors';
import { drain, readLimitedBody } from '../http/read-limited-body';
import { refuse, sendError } from '../http/send-error';
import { log } from '../log';
import { receiveGoogleNotification } from './apply-google';
import { readGooglePush, verifyGooglePush } from './google-verify';

// POST /api/v1/stores/google/rtdn (docs/integration.md §6): a Google Play real-time developer
// notification pushed by Pub/Sub. The push's OIDC token is checked before the body is read into
// the database, so a refused push writes nothing (401); a messageId seen before answers 200 and
// changes nothing. Pub/Sub redelivers anything but a 2xx, so an accepted push is answered 200.

export const MAX_PUSH_BYTES = 64 * 1024;

export function googleNotifications(deps: Deps) {
  return async (req: Request, res: Response) => {
    const config = deps.config.google;
    if (!config?.push) {
      drain(req, MAX_PUSH_BYTES * 4);
      return refuse(res, 'NOT_FOUND', 'Nothing here: check the address');
    }
    const body = await readLimitedBody(req, MAX_PUSH_BYTES);
    if (!body.ok) {
      if (body.reason === 'aborted') return void res.end();
      return refused(res, new DomainError('PAYLOAD_TOO_LARGE', `A push is at most ${MAX_PUSH_BYTES} bytes`));
    }
    try {
      const now = deps.now();
      await verifyGooglePush(config.push, req.headers.authorization, now);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.bytes.toString('utf8'));
      } catch {
        throw new DomainError('BAD_REQUEST', 'The body is not valid JSON');
      }
      const notification = readGooglePush(parsed);
      if (config.packageName && notification.packageName !== config.packageName)
        throw new DomainError('BAD_REQUEST', 'The notification names another app (packageName)');
      const result = await writeTx(deps.db, (tx) => receiveGoogleNotification(tx, notification, now));
      res.status(200).json({ ok: true, duplicate: result.duplicate, outcome: result.outcome, caseNo: result.caseNo });
    } catch (error) {
      if (error instanceof DomainError) return refused(res, error);
      sendError(res, error);
    }
  };
}

/** A refusal, logged without the payload or the token. */
function refused(res: Response, error: DomainError) {
  log.warn('google play notification refused', { code: error.code, reason: error.message });
  sendError(res, error);
}
