import { TRPCClientError } from '@trpc/client';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../lib/trpc-errors';

const KNOWN = ['FORBIDDEN', 'CONFLICT', 'BAD_REQUEST', 'NOT_FOUND'] as const;
type Known = (typeof KNOWN)[number];

// The server explains refusals in English (for logs and API users too). The screen leads with
// a sentence in the UI language and keeps the server's words beneath, so nothing specific is
// lost: "A make-up working day must fall on a weekend".
export function useSettingsErrorText() {
  const { t } = useTranslation();
  return (error: unknown): { title: string; detail: string | null } => {
    const code = errorCode(error);
    const known = KNOWN.find((k) => k === code) as Known | undefined;
    const detail = error instanceof TRPCClientError && error.message ? error.message : null;
    if (known) return { title: t(`settings.errors.${known}`), detail };
    if (!code) return { title: t('settings.errors.network'), detail: null };
    return { title: t('settings.errors.generic'), detail };
  };
}
