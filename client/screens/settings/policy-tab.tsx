import { Alert, Button, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALLOW, type Role } from '../../../shared/roles';
import { useStaff } from '../../auth/session';
import { IconLock } from '../../components/icons';
import { useTRPC } from '../../trpc';
import { PolicyCurrent } from './policy-current';
import { PolicyEditor } from './policy-editor';
import { PolicyHistory } from './policy-history';
import type { PolicyVersion } from './settings-api-types';
import { IconPencil } from './settings-icons';
import { LoadError, SectionSkeleton } from './settings-states';

/** Settings → Refund policy: the version in force, its history, and (admins) the next version's draft. */
export function PolicyTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const staff = useStaff();
  const canPublish = (ALLOW.administer as readonly Role[]).includes(staff.role);
  const current = useQuery(trpc.policy.current.queryOptions());
  // The server stores each version's settings as JSON it validated when publishing.
  const history = useQuery({ ...trpc.policy.history.queryOptions(), select: (rows) => rows as PolicyVersion[] });
  const [editing, setEditing] = useState(false);

  if (current.isPending) return <SectionSkeleton rows={6} />;
  if (current.isError) return <LoadError error={current.error} onRetry={() => void current.refetch()} testId="policy-load-error" />;

  const meta = history.data?.find((v) => v.version === current.data.version);

  return (
    <Stack gap="lg" data-testid="policy-tab">
      {!canPublish && (
        <Alert color="gray" icon={<IconLock size={18} />} data-testid="policy-readonly">
          {t('settings.policy.readOnly')}
        </Alert>
      )}
      {editing && canPublish ? (
        <PolicyEditor current={current.data} onClose={() => setEditing(false)} />
      ) : (
        <PolicyCurrent
          policy={current.data}
          meta={meta}
          actions={
            canPublish ? (
              <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="policy-edit">
                {t('settings.policy.edit')}
              </Button>
            ) : null
          }
        />
      )}
      <PolicyHistory query={history} />
    </Stack>
  );
}
