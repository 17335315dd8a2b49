import type { Response } from 'express';
import { DomainError, errorBody, type ErrorCode } from '../errors';
import { log } from '../log';

/**
 * The express routes' (exports, uploads, health) one way to answer an error: the same JSON shape
 * as tRPC's errors. A DomainError answers with its own status; anything else is logged without
 * its details and answered as a plain 500 — never a stack trace.
 */
export function sendError(res: Response, error: unknown) {
  const known = error instanceof DomainError ? error : null;
  if (!known) log.error('request failed', { error: error instanceof Error ? error.message : String(error) });
  const answer = known ?? new DomainError('INTERNAL_SERVER_ERROR', 'Something went wrong');
  if (res.headersSent) return void res.end();
  if (answer.code === 'PAYLOAD_TOO_LARGE') res.setHeader('Connection', 'close');
  res.status(answer.httpStatus).json(errorBody(answer));
}

/** Shorthand for a refusal the route itself decides. */
export function refuse(res: Response, code: ErrorCode, message: string, details?: Record<string, unknown>) {
  sendError(res, new DomainError(code, message, { details }));
}
