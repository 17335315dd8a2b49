import { Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRefreshCase } from '../../components/case-refresh';
import { staleCode } from '../../lib/trpc-errors';
import { useTRPCClient } from '../../trpc';
import { ActionDialog } from './action-dialog';

/** The decisions that are a move plus a written note. */
export type NoteAction = 'propose' | 'sendBack' | 'reopen' | 'close' | 'redirect';

const REQUIRED: Record<NoteAction, boolean> = { propose: true, sendBack: true, reopen: true, close: false, redirect: false };
const COLOR: Partial<Record<NoteAction, string>> = { propose: 'violet', sendBack: 'yellow', redirect: 'orange' };

interface Props {
  action: NoteAction;
  caseNo: string;
  /** propose: the quote proposed */
  quoteId?: number;
  /** what the action is about (e.g. the amount proposed), above the note */
  summary?: ReactNode;
  /** the note's first words, e.g. the basis of the quote proposed */
  initialNote?: string;
  /** a line the note must hold: put back in front when it was deleted (propose: the quote's basis) */
  mustState?: string;
  /** offered when the server refuses because the quote went stale (CONFLICT, data.stale) */
  staleAction?: ReactNode;
  onClose: () => void;
}

export function NoteActionDialog({ action, caseNo, quoteId, summary, initialNote = '', mustState, staleAction, onClose }: Props) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const refresh = useRefreshCase();
  const [note, setNote] = useState(initialNote);
  const [touched, setTouched] = useState(false);
  const run = useMutation({
    mutationFn: (text: string) => {
      switch (action) {
        case 'propose':
          return client.cases.propose.mutate({ caseNo, quoteId: quoteId ?? 0, note: text });
        case 'sendBack':
          return client.cases.sendBack.mutate({ caseNo, note: text });
        case 'reopen':
          return client.cases.reopen.mutate({ caseNo, note: text });
        case 'close':
          return client.cases.close.mutate({ caseNo, note: text });
        case 'redirect':
          return client.cases.redirectToStore.mutate({ caseNo, note: text });
      }
    },
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });
  // a note that is only the line it must state says nothing yet
  const missing = REQUIRED[action] && (!note.trim() || (mustState !== undefined && note.trim() === mustState));
  const stated = (text: string) => (mustState && !text.includes(mustState) ? `${mustState}\n${text}` : text);

  return (
    <ActionDialog
      opened
      onClose={onClose}
      title={t(`caseDetail.noteAction.${action}.title`)}
      description={t(`caseDetail.noteAction.${action}.description`)}
      submitLabel={t(`caseDetail.noteAction.${action}.submit`)}
      color={COLOR[action]}
      onSubmit={() => {
        setTouched(true);
        if (!missing) run.mutate(stated(note.trim()));
      }}
      pending={run.isPending}
      error={run.error}
      testId={`${action}-dialog`}
    >
      {summary}
      {staleAction && staleCode(run.error) && staleAction}
      <Textarea
        label={t(`caseDetail.noteAction.${action}.label`)}
        placeholder={t(`caseDetail.noteAction.${action}.placeholder`)}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={touched && missing ? t('caseDetail.actions.required') : undefined}
        required={REQUIRED[action]}
        autosize
        minRows={3}
        maxLength={2000}
        data-autofocus
        name="note"
      />
    </ActionDialog>
  );
}
