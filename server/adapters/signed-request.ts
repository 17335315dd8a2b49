import http from 'node:http';
import https from 'node:https';
import { signatureHeaders } from '../integration/signature';

// One signed HTTP request to an outside service (docs/integration.md §2–§3): the body signed as
// the platform signs its events (Refund-Desk-Timestamp, Refund-Desk-Signature v1=HMAC-SHA256),
// an Idempotency-Key, and two deadlines: to connect, then for the whole answer. node:http rather
// than fetch: fetch cannot bound the connection on its own.

export interface Timeouts {
  connectMs: number;
  answerMs: number;
}

export interface SignedRequest {
  method: 'GET' | 'POST';
  url: string;
  secret: string;
  idempotencyKey?: string;
  body?: unknown;
  timeouts: Timeouts;
  agent?: http.Agent;
}

export interface ServiceAnswer {
  status: number;
  json: unknown;
}

/**
 * Why no answer came. `not_sent`: the connection never opened, the service cannot have acted;
 * `no_answer`: the request may have reached it (a timeout, a dropped connection).
 */
export class OutboundError extends Error {
  constructor(
    readonly kind: 'not_sent' | 'no_answer',
    message: string,
  ) {
    super(message);
  }
}

export function sendSigned(req: SignedRequest): Promise<ServiceAnswer> {
  const url = new URL(req.url);
  const body = req.body === undefined ? '' : JSON.stringify(req.body);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...signatureHeaders(req.secret, body),
    ...(req.idempotencyKey ? { 'Idempotency-Key': req.idempotencyKey } : {}),
    ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let connected = false;
    let settled = false;
    const finish = (error: OutboundError | null, answer?: ServiceAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(answerTimer);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(answer!);
    };
    const request = client.request(url, { method: req.method, headers, agent: req.agent });
    const connectTimer = setTimeout(
      () => finish(new OutboundError('not_sent', `no connection to ${url.host} within ${req.timeouts.connectMs} ms`)),
      req.timeouts.connectMs,
    );
    const answerTimer = setTimeout(
      () =>
        finish(new OutboundError(connected ? 'no_answer' : 'not_sent', `no answer from ${url.host} within ${req.timeouts.answerMs} ms`)),
      req.timeouts.answerMs,
    );
    request.on('socket', (socket) => {
      const open = () => {
        connected = true;
        clearTimeout(connectTimer);
      };
      // a kept-alive socket is connected already
      if (!socket.connecting) open();
      else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', open);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      finish(new OutboundError(connected ? 'no_answer' : 'not_sent', `${url.host}: ${code}`));
    });
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => finish(new OutboundError('no_answer', `${url.host}: the answer broke off`)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: the caller looks at the status
        }
        finish(null, { status: res.statusCode ?? 0, json });
      });
    });
    request.end(body || undefined);
  });
}
