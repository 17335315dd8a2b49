import type { Response } from 'express';
import { DomainError, errorBody, type ErrorCode } from '../errors';
import { log } from '../log';

/**
 * The express routes' (exports, uploads, health) one way to answer an error: the same JSON shape
 * as tRPC's errors. A DomainError answers with its own status; anything else is logged without
 * its details and answered as a plain 500 — never a stack trace.
 */
export function sendError(res: Response, error: unknown) {
  const known = error instanceof DomainError ? error : clientFault(error);
  if (!known) log.error('request failed', { error: error instanceof Error ? error.message : String(error) });
  const answer = known ?? new DomainError('INTERNAL_SERVER_ERROR', 'Something went wrong');
  if (res.headersSent) return void res.end();
  if (answer.code === 'PAYLOAD_TOO_LARGE') res.setHeader('Connection', 'close');
  res.status(answer.httpStatus).json(errorBody(answer));
}

// What express and its helpers throw for a bad request (a malformed percent-encoding in the path
// is a URIError with status 400; serve-static's errors carry their status): a clear 4xx of ours.
const CLIENT_FAULTS: Partial<Record<number, [ErrorCode, string]>> = {
  400: ['BAD_REQUEST', 'The request is malformed'],
  404: ['NOT_FOUND', 'Nothing here'],
  405: ['METHOD_NOT_SUPPORTED', 'This method is not supported here'],
  413: ['PAYLOAD_TOO_LARGE', 'The request body is too large'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'This content type is not accepted here'],
};

function clientFault(error: unknown): DomainError | null {
  if (error instanceof URIError) return new DomainError('BAD_REQUEST', 'The address is not valid percent-encoded UTF-8');
  const e = error as { status?: unknown; statusCode?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : e?.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  const [code, message] = CLIENT_FAULTS[status] ?? CLIENT_FAULTS[400]!;
  return new DomainError(code, message);
}

/** Shorthand for a refusal the route itself decides. */
export function refuse(res: Response, code: ErrorCode, message: string, details?: Record<string, unknown>) {
  sendError(res, new DomainError(code, message, { details }));
}
