import { useTranslation } from 'react-i18next';
import { FormDialog, type FormDialogProps } from '../case-detail/action-dialog';
import { useSettingsErrorText } from './settings-error';

/** A settings dialog: always open while it is shown; the server's error itself rather than its words. */
type Props = Omit<FormDialogProps, 'opened' | 'cancelLabel' | 'errorText' | 'errorTestId'> & { error: unknown };

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
