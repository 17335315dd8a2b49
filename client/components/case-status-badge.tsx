import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../shared/schemas/enums';

// One colour per status, the same in the queue, on the case page and in approvals:
// blue/cyan while being worked, violet waiting for a supervisor, green paid, red rejected.
export const CASE_STATUS_COLOR: Record<CaseStatus, string> = {
  new: 'blue',
  in_review: 'cyan',
  pending_approval: 'violet',
  approved: 'teal',
  refunded: 'green',
  rejected: 'red',
  reopened: 'orange',
  closed: 'gray',
};

export function CaseStatusBadge({ status, size = 'sm' }: { status: CaseStatus; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={CASE_STATUS_COLOR[status]}
      variant="light"
      size={size}
      radius="sm"
      tt="none"
      fw={600}
      data-testid="case-status"
      data-status={status}
    >
      {t(`cases.status.${status}`)}
    </Badge>
  );
}
