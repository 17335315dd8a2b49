import { Autocomplete } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../auth/session';
import { useRefreshCase } from '../../components/case-refresh';
import { useTRPC } from '../../trpc';
import { ActionDialog } from './action-dialog';

interface Props {
  opened: boolean;
  onClose: () => void;
  caseNo: string;
  current: string | null;
  /** the case version on screen: a reassignment made meanwhile by someone else is a conflict, not overwritten */
  version: number;
}

/** A supervisor hands the case to another agent (or takes it). */
export function AssignDialog({ opened, onClose, caseNo, current, version }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const staff = useStaff();
  const refresh = useRefreshCase();
  const [username, setUsername] = useState('');
  // There is no staff directory in the API: suggest who works the open cases now, and me.
  const team = useQuery({ ...trpc.cases.list.queryOptions({ open: true, limit: 200 }), enabled: opened, staleTime: 60_000 });
  const suggestions = [...new Set([staff.username, ...(team.data?.items ?? []).map((i) => i.assignee)])].filter(
    (u): u is string => !!u && u !== current,
  );
  const assign = useMutation(
    trpc.cases.assign.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setUsername('');
        onClose();
      },
    }),
  );
  return (
    <ActionDialog
      opened={opened}
      onClose={onClose}
      title={t('caseDetail.assign.title')}
      description={current ? t('caseDetail.assign.current', { who: current }) : t('caseDetail.assign.none')}
      submitLabel={t('caseDetail.assign.submit')}
      onSubmit={() => username.trim() && assign.mutate({ caseNo, username: username.trim(), expectedVersion: version })}
      pending={assign.isPending}
      error={assign.error}
      testId="assign-dialog"
    >
      <Autocomplete
        label={t('caseDetail.assign.username')}
        description={t('caseDetail.assign.hint')}
        data={suggestions}
        value={username}
        onChange={setUsername}
        required
        data-autofocus
      />
    </ActionDialog>
  );
}
