import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_STATUS, errorBody, type ErrorCode } from '../../server/errors';

describe('DomainError', () => {
  it('answers every code with the HTTP status tRPC gives the same code, so both paths agree', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      expect(new DomainError(code, 'x').httpStatus, code).toBe(getHTTPStatusCodeFromError(new TRPCError({ code, message: 'x' })));
    }
  });

  it('is answered by express routes in the same JSON shape as a tRPC error, with its details', () => {
    expect(errorBody(new DomainError('PAYLOAD_TOO_LARGE', 'too big', { details: { reason: 'size' } }))).toEqual({
      error: { message: 'too big', data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, reason: 'size' } },
    });
  });
});
