import { Alert, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconRefresh } from '../../components/icons';
import { errorCode } from '../../lib/trpc-errors';
import { PolicyDiff } from './policy-diff';
import type { PolicyField } from './policy-fields';
import type { PolicySettings } from './settings-api-types';
import { useSettingsErrorText } from './settings-error';
import classes from './settings.module.css';

const NOTE_MIN = 2;
const NOTE_MAX = 1000;

interface Props {
  base: PolicySettings;
  baseVersion: number;
  /** a version published after `baseVersion` that the page already knows of */
  newerVersion: number | null;
  values: Partial<PolicySettings>;
  changed: PolicyField[];
  invalidCount: number;
  note: string;
  onNote: (note: string) => void;
  pending: boolean;
  error: unknown;
  reloading: boolean;
  onReload: () => void;
  onPublish: () => void;
  onDiscard: () => void;
}

/** Beside the draft: what changes against the current version, the note, and the publish button. */
export function PolicyReview(props: Props) {
  const { base, baseVersion, newerVersion, values, changed, invalidCount, note, pending, error } = props;
  const { t } = useTranslation();
  const errorText = useSettingsErrorText();
  const [tried, setTried] = useState(false);
  const noteMissing = note.trim().length < NOTE_MIN;
  const conflict = errorCode(error) === 'CONFLICT';
  const otherError = error && !conflict ? errorText(error) : null;

  function publish() {
    setTried(true);
    if (noteMissing || invalidCount > 0 || changed.length === 0) return;
    props.onPublish();
  }

  return (
    <Paper withBorder radius="md" p="lg" className={classes.sticky} data-testid="policy-review">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4">
            {t('settings.policy.reviewTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('settings.policy.reviewHint', { version: baseVersion })}
          </Text>
        </div>

        {(conflict || newerVersion !== null) && (
          <Alert color="orange" icon={<IconAlert />} title={t('settings.policy.conflict.title')} data-testid="policy-conflict">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('settings.policy.conflict.body', { version: baseVersion })}</Text>
              <Button
                size="xs"
                color="orange"
                leftSection={<IconRefresh size={14} />}
                loading={props.reloading}
                onClick={props.onReload}
                data-testid="policy-reload"
              >
                {t('settings.policy.conflict.reload')}
              </Button>
            </Stack>
          </Alert>
        )}
        {otherError && (
          <Alert color="red" icon={<IconAlert />} title={otherError.title} data-testid="policy-publish-error">
            {otherError.detail}
          </Alert>
        )}

        {changed.length > 0 ? (
          <PolicyDiff before={base} after={values} fields={changed} testId="policy-diff" />
        ) : (
          <Text
            size="sm"
            c="dimmed"
            ta="center"
            py="md"
            bg="gray.0"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            data-testid="policy-no-changes"
          >
            {t('settings.policy.noChanges')}
          </Text>
        )}
        {invalidCount > 0 && (
          <Text size="sm" c="red">
            {t('settings.policy.fixFields', { count: invalidCount })}
          </Text>
        )}

        <Textarea
          label={t('settings.policy.note')}
          description={t('settings.policy.noteHint')}
          placeholder={t('settings.policy.notePlaceholder')}
          value={note}
          onChange={(e) => props.onNote(e.currentTarget.value)}
          error={tried && noteMissing ? t('settings.policy.noteRequired') : undefined}
          withAsterisk
          autosize
          minRows={3}
          maxRows={8}
          maxLength={NOTE_MAX}
          data-testid="policy-note"
        />

        <Stack gap="xs">
          <Button
            onClick={publish}
            loading={pending}
            disabled={changed.length === 0 || invalidCount > 0 || conflict || newerVersion !== null}
            data-testid="policy-publish"
          >
            {t('settings.policy.publish', { version: baseVersion + 1 })}
          </Button>
          <Button variant="subtle" color="gray" onClick={props.onDiscard} disabled={pending} data-testid="policy-discard">
            {t('settings.policy.discard')}
          </Button>
        </Stack>
        <Text size="xs" c="dimmed">
          {t('settings.policy.publishEffect')}
        </Text>
      </Stack>
    </Paper>
  );
}
