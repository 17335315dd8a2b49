import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_STATUSES } from '../../../shared/case-transitions';
import { AttachmentLink, type AttachmentMeta } from '../../components/attachment-list';
import type { CaseDetail } from '../../components/case-api-types';
import { formatDateTime } from '../../lib/format';
import { AddEvidenceDialog } from './add-evidence-dialog';

type Evidence = CaseDetail['evidence'][number];

/** The uploaded file behind an evidence row, when there is one. */
function fileOf(e: Evidence): AttachmentMeta | null {
  if (e.uploadId === null || !e.downloadUrl || !e.fileName || !e.mimeType || e.sizeBytes === null) return null;
  return { uploadId: e.uploadId, fileName: e.fileName, mimeType: e.mimeType, sizeBytes: e.sizeBytes, downloadUrl: e.downloadUrl };
}

function EvidenceItem({ item }: { item: Evidence }) {
  const { t } = useTranslation();
  const file = fileOf(item);
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-testid="evidence-item" data-kind={item.kind}>
      <Badge
        size="xs"
        variant="light"
        color={item.kind === 'file' ? 'blue' : 'gray'}
        radius="sm"
        tt="none"
        style={{ flexShrink: 0 }}
        mt={2}
      >
        {t(`uploads.evidence.${item.kind}`)}
      </Badge>
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        {!file || item.label !== item.fileName ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {item.label}
          </Text>
        ) : null}
        {file && <AttachmentLink file={file} />}
        {!file && item.fileName && (
          <Text size="xs" c="dimmed">
            {item.fileName}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('uploads.evidence.addedBy', { by: item.addedBy, at: formatDateTime(item.createdAt) })}
        </Text>
      </Stack>
    </Group>
  );
}

/** The evidence on file (references and files with download links); add more while the case is open. */
export function EvidenceSection({ detail, canWrite }: { detail: CaseDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const { evidence } = detail;
  const open = OPEN_STATUSES.includes(detail.case.status);
  return (
    <Paper withBorder radius="md" p="md" data-testid="evidence-section">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('uploads.evidence.title', { count: evidence.length })}
        </Title>
        {canWrite && open && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)} data-testid="add-evidence-open">
            {t('uploads.evidence.add')}
          </Button>
        )}
      </Group>
      {evidence.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-evidence">
          {t('uploads.evidence.empty')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="evidence">
          {evidence.map((e) => (
            <EvidenceItem key={e.id} item={e} />
          ))}
        </Stack>
      )}
      {canWrite && !open && evidence.length > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('uploads.evidence.closed')}
        </Text>
      )}
      {adding && <AddEvidenceDialog caseNo={detail.case.caseNo} onClose={() => setAdding(false)} />}
    </Paper>
  );
}
