import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../../server/integration/signature';
import type { ConsoleEvents } from './fake-console-events';
import type { FakeSettings } from './fake-settings';

// What the fake gateway and message service share: the settings, the way back to the console,
// and the steps of every request (dead or not, signature, injected failures, latency, lost answers).

export interface FakeKit {
  settings: FakeSettings;
  events: ConsoleEvents | null;
  random: () => number;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A dead service: the connection is dropped without an answer. */
export function drop(req: IncomingMessage): void {
  req.socket.destroy();
}

/** The request's signature, checked against the service's secret; false after answering 401. */
export function signedOrRefused(req: IncomingMessage, res: ServerResponse, body: Buffer, secret: string): boolean {
  const check = verifySignature(
    [secret],
    { timestamp: req.headers[TIMESTAMP_HEADER] as string | undefined, signature: req.headers[SIGNATURE_HEADER] as string | undefined },
    body,
    new Date(),
  );
  if (check.ok) return true;
  sendJson(res, 401, { error: check.reason });
  return false;
}

/** An injected failure (failNext, failureRate): answered 503 after the latency, nothing done. */
export async function injectedFailure(kit: FakeKit, res: ServerResponse): Promise<boolean> {
  const fail = kit.settings.failNext > 0 || kit.random() < kit.settings.failureRate;
  if (!fail) return false;
  if (kit.settings.failNext > 0) kit.settings.failNext--;
  await sleep(kit.settings.latencyMs);
  sendJson(res, 503, { error: 'service unavailable (fake)' });
  return true;
}

/**
 * Answers after the latency, unless the answer is lost (loseRate) or the caller gave up waiting
 * (its timeout): returns whether the caller got the answer.
 */
export async function answerOrLose(
  kit: FakeKit,
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
): Promise<boolean> {
  let gone = false;
  res.once('close', () => (gone = !res.writableFinished));
  await sleep(kit.settings.latencyMs);
  if (gone || req.socket.destroyed) return false;
  if (kit.random() < kit.settings.loseRate) {
    drop(req);
    return false;
  }
  sendJson(res, status, body);
  return true;
}

let eventSeq = 0;
/** An event id unique to this process. */
export function eventId(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++eventSeq}`;
}
