import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../components/case-api-types';
import { CaseSla } from '../../components/case-sla';
import { CaseStatusBadge } from '../../components/case-status-badge';
import { formatDateTime } from '../../lib/format';
import { AssignDialog } from './assign-dialog';

function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** The case at a glance: status, SLA, who has it, what the member asks for. */
export function CaseSummary({ detail, canAssign }: { detail: CaseDetail; canAssign: boolean }) {
  const { t } = useTranslation();
  const [assigning, setAssigning] = useState(false);
  const c = detail.case;
  return (
    <Paper withBorder radius="md" px="md" py="sm" data-testid="case-summary">
      <Group gap="xl" wrap="wrap" align="flex-start">
        <Item label={t('caseDetail.summary.status')}>
          <CaseStatusBadge status={c.status} size="md" />
        </Item>
        <Item label={t('caseDetail.summary.sla')}>
          <Stack gap={0}>
            <CaseSla dueAt={c.slaDueAt} status={c.status} estimated={c.slaEstimated} />
            <Text size="xs" c="dimmed">
              {formatDateTime(c.slaDueAt)}
            </Text>
          </Stack>
        </Item>
        <Item label={t('caseDetail.summary.assignee')} testId="case-assignee">
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={500}>
              {c.assignee ? `${c.assigneeName ?? c.assignee} (${c.assignee})` : t('cases.queue.unassigned')}
            </Text>
            {canAssign && (
              <Button size="compact-xs" variant="subtle" onClick={() => setAssigning(true)} data-testid="assign">
                {t('caseDetail.summary.reassign')}
              </Button>
            )}
          </Group>
        </Item>
        <Item label={t('caseDetail.summary.requested')}>
          <Text size="sm">{t(`cases.requested.${c.requested}`)}</Text>
        </Item>
        <Item label={t('caseDetail.summary.opened')}>
          <Text size="sm">{t('caseDetail.summary.openedBy', { by: c.createdBy, at: formatDateTime(c.createdAt) })}</Text>
        </Item>
        {c.closedAt && (
          <Item label={t('caseDetail.summary.closed')}>
            <Text size="sm">{formatDateTime(c.closedAt)}</Text>
          </Item>
        )}
      </Group>
      {canAssign && (
        <AssignDialog opened={assigning} onClose={() => setAssigning(false)} caseNo={c.caseNo} current={c.assignee} version={c.version} />
      )}
    </Paper>
  );
}
