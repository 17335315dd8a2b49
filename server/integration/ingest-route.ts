import type { Request, Response } from 'express';
import type { Deps } from '../context';
import { DomainError } from '../errors';
import { refuse, sendError } from '../http/send-error';
import { drain, readLimitedBody } from '../http/read-limited-body';
import { log } from '../log';
import { ingestBatch } from './apply-events';
import { recordRefusal, type Refusal } from './record-refusal';
import { checkEvent, MAX_BATCH_EVENTS, MAX_BODY_BYTES, type CheckedEvent, type EventError } from './events';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './signature';

const CHECK_SLICE = 100;

// POST /api/v1/events (docs/integration.md §1): signed batches of platform events. Every refusal
// is decided before the write transaction opens, so a refused batch writes nothing of its own;
// the answer says why, in the JSON shape of every other route's error (send-error.ts), and the
// refusal is counted for the integration page (record-refusal.ts: no body, no personal data).
export function ingestEvents(deps: Deps) {
  return async (req: Request, res: Response) => {
    const refused = async (res: Response, refusal: Refusal & { code: RefusalCode }, details?: Record<string, unknown>) => {
      log.warn('ingest batch refused', { code: refusal.code, reason: refusal.reason });
      await recordRefusal(deps.db, refusal, deps.now());
      refuse(res, refusal.code, refusal.reason, details);
    };
    const secrets = deps.config.ingestSecrets ?? [];
    if (secrets.length === 0) {
      drain(req, MAX_BODY_BYTES * 4);
      return refuse(res, 'NOT_FOUND', 'Nothing here: check the address');
    }
    const body = await readLimitedBody(req, MAX_BODY_BYTES);
    if (!body.ok) {
      if (body.reason === 'aborted') return void res.end();
      return refused(res, {
        code: 'PAYLOAD_TOO_LARGE',
        status: 413,
        kind: 'body_too_large',
        reason: `A batch is at most ${MAX_BODY_BYTES} bytes`,
      });
    }
    const check = verifySignature(
      secrets,
      { timestamp: header(req, TIMESTAMP_HEADER), signature: header(req, SIGNATURE_HEADER) },
      body.bytes,
      deps.now(),
    );
    // an unsigned body is nobody's events: not parsed, its ids not kept
    if (!check.ok) return refused(res, { code: 'UNAUTHORIZED', status: 401, kind: 'bad_signature', reason: check.reason });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return refused(res, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        status: 415,
        kind: 'content_type',
        reason: 'Content-Type must be application/json',
      });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.bytes.toString('utf8'));
    } catch {
      return refused(res, { code: 'BAD_REQUEST', status: 400, kind: 'not_json', reason: 'The body is not valid JSON' });
    }
    const list = (parsed as { events?: unknown } | null)?.events;
    if (!Array.isArray(list) || list.length === 0)
      return refused(res, {
        code: 'BAD_REQUEST',
        status: 400,
        kind: 'bad_shape',
        reason: 'The body must be {"events": [ ... ]} with 1 to 500 events',
      });
    if (list.length > MAX_BATCH_EVENTS)
      return refused(res, {
        code: 'PAYLOAD_TOO_LARGE',
        status: 413,
        kind: 'too_many_events',
        reason: `A batch holds at most ${MAX_BATCH_EVENTS} events (this one ${list.length})`,
        events: list.length,
        eventIds: idsOf(list),
      });
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
      return refused(
        res,
        {
          code: 'BAD_REQUEST',
          status: 400,
          kind: 'invalid_events',
          reason: `${new Set(errors.map((e) => e.index)).size} event(s) are invalid; nothing was written`,
          events: list.length,
          eventIds: [...new Set(errors.map((e) => e.id ?? `#${e.index}`))],
        },
        { errors: errors.slice(0, 100) },
      );
    try {
      const result = await ingestBatch(deps.db, events, deps.now());
      res.status(200).json(result);
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'CONFLICT' || error.code === 'BAD_REQUEST'))
        return refused(
          res,
          {
            code: error.code,
            ...(error.code === 'CONFLICT' ? { status: 409, kind: 'conflict' } : { status: 400, kind: 'contradicts' }),
            reason: error.message,
            events: events.length,
            eventIds: namedIds(error.details),
          },
          error.details,
        );
      if (error instanceof DomainError) log.warn('ingest batch refused', { code: error.code, reason: error.message });
      sendError(res, error);
    }
  };
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

type RefusalCode = 'PAYLOAD_TOO_LARGE' | 'UNAUTHORIZED' | 'UNSUPPORTED_MEDIA_TYPE' | 'BAD_REQUEST' | 'CONFLICT';

/** The first event ids of a parsed (signed) batch: strings only, as sent. */
function idsOf(list: unknown[]): string[] {
  const ids: string[] = [];
  for (const raw of list.slice(0, 20)) {
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id === 'string') ids.push(id.slice(0, 100));
  }
  return ids;
}

/** The ids a refusal from the batch's transaction names (conflicts, contradictions). */
function namedIds(details: Record<string, unknown> | undefined): string[] {
  const conflicts = details?.eventIds;
  if (Array.isArray(conflicts)) return conflicts.filter((id): id is string => typeof id === 'string');
  const errors = details?.errors;
  if (Array.isArray(errors)) return errors.map((e) => (e as { id?: unknown }).id).filter((id): id is string => typeof id === 'string');
  return [];
}
