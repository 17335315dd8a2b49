import { Anchor, Group, Text } from '@mantine/core';
import { formatBytes } from '../../shared/uploads';

export interface AttachmentMeta {
  uploadId: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  downloadUrl: string;
}

/**
 * Links to uploaded files. Images open in a new tab (the server shows them inline in a
 * sandbox); everything else downloads under its stored name.
 */
export function AttachmentLink({ file }: { file: AttachmentMeta }) {
  const image = file.mimeType.startsWith('image/');
  return (
    <Group gap={4} wrap="nowrap" data-testid="attachment">
      <Anchor
        href={file.downloadUrl}
        size="xs"
        truncate="end"
        style={{ minWidth: 0 }}
        {...(image ? { target: '_blank', rel: 'noopener noreferrer' } : { download: file.fileName })}
      >
        {file.fileName}
      </Anchor>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {formatBytes(file.sizeBytes)}
      </Text>
    </Group>
  );
}

export function AttachmentList({ files, label }: { files: readonly AttachmentMeta[]; label: string }) {
  if (files.length === 0) return null;
  return (
    <Group gap="xs" wrap="wrap" aria-label={label} role="list">
      {files.map((f) => (
        <div role="listitem" key={f.uploadId}>
          <AttachmentLink file={f} />
        </div>
      ))}
    </Group>
  );
}
