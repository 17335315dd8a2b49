import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/roles';

const ROLE_COLOR: Record<Role, string> = {
  agent: 'blue',
  supervisor: 'violet',
  auditor: 'teal',
  admin: 'orange',
};

export function RoleBadge({ role, size = 'sm' }: { role: Role; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge color={ROLE_COLOR[role]} variant="light" size={size} radius="sm" tt="none" fw={600} data-testid="role-badge">
      {t(`common.roles.${role}`)}
    </Badge>
  );
}
