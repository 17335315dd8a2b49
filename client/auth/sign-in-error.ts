import type { TFunction } from 'i18next';
import { TRPCClientError } from '@trpc/client';
import { errorCode, httpStatus } from '../lib/trpc-errors';

/** The server locked the account at its failure ceiling (only a supervisor can lift it). */
function isLocked(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { locked?: unknown } | undefined)?.locked === true;
}

/** The sign-in form's message for a failed attempt, in the user's language. */
export function signInErrorMessage(error: unknown, t: TFunction): string {
  const code = errorCode(error);
  const status = httpStatus(error);
  if (code === 'TOO_MANY_REQUESTS' || status === 429) return isLocked(error) ? t('auth.accountLocked') : t('auth.tooManyAttempts');
  if (code === 'UNAUTHORIZED' || status === 401) return t('auth.wrongCredentials');
  if (code === 'BAD_REQUEST' || status === 400) return t('auth.invalidInput');
  return t('auth.unavailable');
}
