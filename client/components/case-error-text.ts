import { TRPCClientError } from '@trpc/client';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../lib/trpc-errors';

const KNOWN = ['FORBIDDEN', 'CONFLICT', 'PRECONDITION_FAILED', 'BAD_REQUEST', 'NOT_FOUND', 'TOO_MANY_REQUESTS'] as const;
type Known = (typeof KNOWN)[number];

// The server explains refusals in English (its messages are for logs and API users too). The
// console leads with a sentence in the UI language saying what to do, and keeps the server's
// own words beneath it so nothing specific is lost.
export function useCaseErrorText() {
  const { t } = useTranslation();
  return (error: unknown): { title: string; detail: string | null } => {
    const code = errorCode(error);
    const known = KNOWN.find((k) => k === code) as Known | undefined;
    const detail = error instanceof TRPCClientError && error.message ? error.message : null;
    if (known) return { title: t(`cases.errors.${known}`), detail };
    if (!code) return { title: t('cases.errors.network'), detail: null };
    return { title: t('cases.errors.generic'), detail };
  };
}

/** A mutation that got no answer (network, 5xx) may be repeated with the same idempotency key. */
export function isRetryable(error: unknown): boolean {
  const code = errorCode(error);
  return code === undefined || code === 'INTERNAL_SERVER_ERROR' || code === 'TIMEOUT';
}
