import type { Request, Response } from 'express';
import type { Deps } from '../context';
import { DomainError } from '../errors';
import { refuse, sendError } from '../http/send-error';
import { drain, readLimitedBody } from '../http/read-limited-body';
import { log } from '../log';
import { ingestBatch } from './apply-events';
import { checkEvent, MAX_BATCH_EVENTS, MAX_BODY_BYTES, type CheckedEvent, type EventError } from './events';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './signature';

const CHECK_SLICE = 100;

// POST /api/v1/events (docs/integration.md §1): signed batches of platform events. Every refusal
// is decided before the write transaction opens, so a refused batch writes nothing; the answer
// says why, in the JSON shape of every other route's error (send-error.ts).
export function ingestEvents(deps: Deps) {
  return async (req: Request, res: Response) => {
    const secrets = deps.config.ingestSecrets ?? [];
    if (secrets.length === 0) {
      drain(req, MAX_BODY_BYTES * 4);
      return refuse(res, 'NOT_FOUND', 'Nothing here: check the address');
    }
    const body = await readLimitedBody(req, MAX_BODY_BYTES);
    if (!body.ok) {
      if (body.reason === 'aborted') return void res.end();
      return refused(res, 'PAYLOAD_TOO_LARGE', `A batch is at most ${MAX_BODY_BYTES} bytes`);
    }
    const check = verifySignature(
      secrets,
      { timestamp: header(req, TIMESTAMP_HEADER), signature: header(req, SIGNATURE_HEADER) },
      body.bytes,
      deps.now(),
    );
    if (!check.ok) return refused(res, 'UNAUTHORIZED', check.reason);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return refused(res, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.bytes.toString('utf8'));
    } catch {
      return refused(res, 'BAD_REQUEST', 'The body is not valid JSON');
    }
    const list = (parsed as { events?: unknown } | null)?.events;
    if (!Array.isArray(list) || list.length === 0)
      return refused(res, 'BAD_REQUEST', 'The body must be {"events": [ ... ]} with 1 to 500 events');
    if (list.length > MAX_BATCH_EVENTS)
      return refused(res, 'PAYLOAD_TOO_LARGE', `A batch holds at most ${MAX_BATCH_EVENTS} events (this one ${list.length})`);
    const events: CheckedEvent[] = [];
    const errors: EventError[] = [];
    for (const [index, raw] of list.entries()) {
      // checking 500 events is ~10 ms of work: other requests get a turn between slices of it
      if (index > 0 && index % CHECK_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const c = checkEvent(raw, index);
      if (c.ok) events.push(c.value);
      else errors.push(...c.errors);
    }
    if (errors.length > 0)
      return refused(res, 'BAD_REQUEST', `${new Set(errors.map((e) => e.index)).size} event(s) are invalid; nothing was written`, {
        errors: errors.slice(0, 100),
      });
    try {
      const result = await ingestBatch(deps.db, events, deps.now());
      res.status(200).json(result);
    } catch (error) {
      if (error instanceof DomainError) log.warn('ingest batch refused', { code: error.code, reason: error.message });
      sendError(res, error);
    }
  };
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A refusal, logged without the body (it may carry members' details). */
function refused(res: Response, code: Parameters<typeof refuse>[1], reason: string, details?: Record<string, unknown>) {
  log.warn('ingest batch refused', { code, reason });
  refuse(res, code, reason, details);
}
