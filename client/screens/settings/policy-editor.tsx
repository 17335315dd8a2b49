import { Grid } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefundPolicy } from '../../../shared/refund';
import { useTRPC } from '../../trpc';
import { draftFrom, readDraft, type PolicyDraft } from './policy-draft';
import { PolicyDraftForm } from './policy-draft-form';
import { changedFields, pickSettings } from './policy-fields';
import { PolicyReview } from './policy-review';

interface Props {
  /** the live current version (it may move on while the admin edits) */
  current: RefundPolicy;
  onClose: () => void;
}

/**
 * The admin's draft of the next version. The draft is compared with the version it started
 * from (`base`), and publishing names that version: if someone published meanwhile the server
 * answers CONFLICT, the draft stays, and "reload" rebases it on the newest version.
 */
export function PolicyEditor({ current, onClose }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(current);
  const [draft, setDraft] = useState<PolicyDraft>(() => draftFrom(pickSettings(current)));
  const [note, setNote] = useState('');
  const [reloading, setReloading] = useState(false);

  const baseSettings = pickSettings(base);
  const read = readDraft(draft);
  const changed = changedFields(baseSettings, read.values);

  const publish = useMutation(
    trpc.policy.publish.mutationOptions({
      onSuccess: async ({ version }) => {
        notifications.show({
          color: 'teal',
          title: t('settings.policy.published.title', { version }),
          message: t('settings.policy.published.body'),
        });
        await queryClient.invalidateQueries({ queryKey: trpc.policy.pathKey() });
        onClose();
      },
    }),
  );

  async function reload() {
    setReloading(true);
    try {
      await queryClient.invalidateQueries({ queryKey: trpc.policy.pathKey() });
      const latest = await queryClient.fetchQuery(trpc.policy.current.queryOptions());
      setBase(latest);
      publish.reset();
    } finally {
      setReloading(false);
    }
  }

  return (
    <Grid gap="lg" align="flex-start">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <PolicyDraftForm
          draft={draft}
          onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          base={baseSettings}
          baseVersion={base.version}
          read={read}
          changed={changed}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <PolicyReview
          base={baseSettings}
          baseVersion={base.version}
          newerVersion={current.version > base.version ? current.version : null}
          values={read.values}
          changed={changed}
          invalidCount={Object.keys(read.errors).length}
          note={note}
          onNote={setNote}
          pending={publish.isPending}
          error={publish.error}
          reloading={reloading}
          onReload={() => void reload()}
          onPublish={() => {
            if (read.settings) publish.mutate({ settings: read.settings, note: note.trim(), baseVersion: base.version });
          }}
          onDiscard={onClose}
        />
      </Grid.Col>
    </Grid>
  );
}
