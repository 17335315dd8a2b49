import { Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRefreshCase } from '../../components/case-refresh';
import { FileUploadField } from '../../components/file-upload-field';
import { useFileUploads } from '../../components/use-file-uploads';
import { useTRPC } from '../../trpc';
import { ActionDialog } from './action-dialog';

const MAX_ITEMS = 20;
const MAX_FILES = 10;

/** A member's later screenshot or statement, or a written reference, added to an open case. */
export function AddEvidenceDialog({ caseNo, onClose }: { caseNo: string; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const [references, setReferences] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const maxFiles = Math.min(MAX_FILES, MAX_ITEMS - references.length);
  const files = useFileUploads(maxFiles);
  const add = useMutation(
    trpc.cases.addEvidence.mutationOptions({
      onSuccess: async ({ added }) => {
        await refresh();
        notifications.show({ color: 'teal', message: t('uploads.evidence.dialog.added', { count: added, caseNo }) });
        onClose();
      },
    }),
  );
  const nothing = references.length === 0 && files.uploaded.length === 0;

  function submit() {
    setTouched(true);
    if (nothing || files.busy) return;
    add.mutate({
      caseNo,
      evidence: [
        ...references.map((label) => ({ kind: 'reference' as const, label: label.slice(0, 200) })),
        ...files.uploaded.map((f) => ({ kind: 'file' as const, uploadId: f.uploadId })),
      ],
    });
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
        <TagsInput
          label={t('uploads.evidence.dialog.references')}
          description={t('uploads.evidence.dialog.referencesHint')}
          value={references}
          onChange={setReferences}
          maxTags={MAX_ITEMS - files.items.length}
          clearable
          acceptValueOnBlur
          data-testid="add-evidence-references"
        />
        <FileUploadField uploads={files} max={maxFiles} />
        {files.busy && (
          <Text size="xs" c="dimmed">
            {t('uploads.picker.waiting')}
          </Text>
        )}
        {touched && nothing && !files.busy && (
          <Text size="xs" c="red.7" role="alert">
            {t('uploads.evidence.dialog.nothing')}
          </Text>
        )}
      </Stack>
    </ActionDialog>
  );
}
