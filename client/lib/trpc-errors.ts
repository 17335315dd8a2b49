import { TRPCClientError } from '@trpc/client';

// What the client needs to know about a failed call: the tRPC error code and HTTP status.
// Non-tRPC answers (the CSRF guard's 403/415, a proxy's 502) only carry an HTTP status.

export function errorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data = error.data as { code?: unknown } | undefined;
  return typeof data?.code === 'string' ? data.code : undefined;
}

export function httpStatus(error: unknown): number | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data = error.data as { httpStatus?: unknown } | undefined;
  if (typeof data?.httpStatus === 'number') return data.httpStatus;
  const response = (error.meta as { response?: { status?: unknown } } | undefined)?.response;
  return typeof response?.status === 'number' ? response.status : undefined;
}

export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === 'UNAUTHORIZED' || httpStatus(error) === 401;
}

export function isForbidden(error: unknown): boolean {
  return errorCode(error) === 'FORBIDDEN';
}

/** 4xx answers mean the request itself is wrong (or not allowed): repeating it cannot help. */
export function isClientError(error: unknown): boolean {
  const status = httpStatus(error);
  return status !== undefined && status >= 400 && status < 500;
}

/** Why a quote may no longer be paid, when approve/propose refused it as stale (CONFLICT, data.stale). */
export function staleCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data = error.data as { code?: unknown; stale?: unknown } | undefined;
  return data?.code === 'CONFLICT' && typeof data.stale === 'string' ? data.stale : undefined;
}
