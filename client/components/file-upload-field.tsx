import { ActionIcon, Alert, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, MAX_UPLOAD_BYTES, UPLOAD_TYPES } from '../../shared/uploads';
import { IconX } from './case-icons';
import type { FileUploads, PendingUpload } from './use-file-uploads';

const ACCEPT = [...Object.keys(UPLOAD_TYPES), ...Object.values(UPLOAD_TYPES).flatMap((exts) => exts.map((e) => `.${e}`))].join(',');

/** The refusal of one file in words: what is wrong and what to do. */
export function useUploadFailureText() {
  const { t } = useTranslation();
  return (item: Pick<PendingUpload, 'name' | 'size' | 'failure'>) =>
    t(`uploads.errors.${item.failure ?? 'failed'}`, { name: item.name, size: formatBytes(item.size), max: formatBytes(MAX_UPLOAD_BYTES) });
}

function UploadRow({ item, onRemove }: { item: PendingUpload; onRemove: () => void }) {
  const { t } = useTranslation();
  const failureText = useUploadFailureText();
  const failed = item.status === 'failed';
  return (
    <Stack gap={2} data-testid="upload-item" data-status={item.status}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Text size="xs" fw={500} truncate="end" style={{ minWidth: 0 }} c={failed ? 'red' : undefined}>
          {item.name}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {item.status === 'uploading'
              ? t('uploads.picker.uploading', { percent: Math.round(item.progress * 100) })
              : item.status === 'done'
                ? t('uploads.picker.done', { size: formatBytes(item.uploaded?.sizeBytes ?? item.size) })
                : null}
          </Text>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            onClick={onRemove}
            aria-label={t('uploads.picker.remove', { name: item.name })}
          >
            <IconX size={14} />
          </ActionIcon>
        </Group>
      </Group>
      {item.status === 'uploading' && <Progress size="xs" value={item.progress * 100} animated aria-label={item.name} />}
      {failed && (
        <Text size="xs" c="red" role="alert" data-testid="upload-error">
          {failureText(item)}
          {item.detail && (
            <Text span size="xs" c="dimmed">
              {' '}
              ({item.detail})
            </Text>
          )}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Picks files and uploads each at once, with progress and any refusal (size, type, a renamed
 * file) said in words; the surrounding form submits `uploads.uploaded`.
 */
export function FileUploadField({
  uploads,
  max,
  label,
  disabled,
}: {
  uploads: FileUploads;
  max: number;
  label?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [dropped, setDropped] = useState(0);
  // cleared after each pick, so picking the same file again (after removing it) still counts
  const resetRef = useRef<() => void>(null);
  return (
    <Stack gap={6} data-testid="file-upload-field">
      <Group gap="sm" align="center" wrap="nowrap">
        <FileButton
          multiple
          accept={ACCEPT}
          resetRef={resetRef}
          onChange={(files) => {
            setDropped(uploads.add(files));
            resetRef.current?.();
          }}
          disabled={disabled || uploads.full}
        >
          {(props) => (
            <Button {...props} size="xs" variant="default" disabled={disabled || uploads.full} data-testid="file-upload-button">
              {label ?? t('uploads.picker.button')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t('uploads.picker.hint', { max: formatBytes(MAX_UPLOAD_BYTES), count: max })}
        </Text>
      </Group>
      {dropped > 0 && (
        <Alert color="yellow" p={6} withCloseButton onClose={() => setDropped(0)}>
          <Text size="xs">{t('uploads.picker.tooMany', { count: max, extra: dropped })}</Text>
        </Alert>
      )}
      {uploads.items.map((item) => (
        <UploadRow key={item.key} item={item} onRemove={() => uploads.remove(item.key)} />
      ))}
    </Stack>
  );
}
