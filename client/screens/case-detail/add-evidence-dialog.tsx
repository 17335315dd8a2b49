import { Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRefreshCase } from '../../components/case-refresh';
import { EvidenceFields, useEvidenceInput } from '../../components/evidence-input';
import { useTRPC } from '../../trpc';
import { ActionDialog } from './action-dialog';

/** A member's later screenshot or statement, or a written reference, added to an open case. */
export function AddEvidenceDialog({ caseNo, onClose }: { caseNo: string; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const evidence = useEvidenceInput();
  const [touched, setTouched] = useState(false);
  const add = useMutation(
    trpc.cases.addEvidence.mutationOptions({
      onSuccess: async ({ added }) => {
        await refresh();
        notifications.show({ color: 'teal', message: t('uploads.evidence.dialog.added', { count: added, caseNo }) });
        onClose();
      },
    }),
  );
  const nothing = evidence.items.length === 0;

  function submit() {
    setTouched(true);
    if (nothing || evidence.files.busy) return;
    add.mutate({ caseNo, evidence: evidence.items });
  }

  return (
    <ActionDialog
      opened
      onClose={onClose}
      title={t('uploads.evidence.dialog.title')}
      description={t('uploads.evidence.dialog.description')}
      submitLabel={t('uploads.evidence.dialog.submit')}
      onSubmit={submit}
      pending={add.isPending}
      error={add.error}
      testId="add-evidence"
      size="lg"
    >
      <Stack gap="sm">
        <EvidenceFields
          evidence={evidence}
          label={t('uploads.evidence.dialog.references')}
          description={t('uploads.evidence.dialog.referencesHint')}
          testId="add-evidence-references"
        />
        {touched && nothing && !evidence.files.busy && (
          <Text size="xs" c="red" role="alert">
            {t('uploads.evidence.dialog.nothing')}
          </Text>
        )}
      </Stack>
    </ActionDialog>
  );
}
