import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../case-detail/action-dialog';
import { useSettingsErrorText } from './settings-error';

interface Props {
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  submitLabel: ReactNode;
  submitColor?: string;
  onSubmit: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
  testId: string;
  size?: string;
  /** extra actions on the left of the footer (e.g. remove) */
  extraActions?: ReactNode;
}

/** The frame of every settings dialog: what it does, its fields, the server's refusal if any. */
export function SettingsDialog({ error, extraActions, ...rest }: Props) {
  const { t } = useTranslation();
  const errorText = useSettingsErrorText();
  return (
    <FormDialog
      {...rest}
      opened
      cancelLabel={t('settings.actions.cancel')}
      errorText={error ? errorText(error) : null}
      errorTestId={`${rest.testId}-error`}
      extraActions={extraActions ?? null}
    />
  );
}
