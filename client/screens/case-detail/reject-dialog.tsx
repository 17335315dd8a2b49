import { Anchor, Group, Select, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReasonCode } from '../../../shared/refund';
import { rejectReason } from '../../../shared/schemas/enums';
import { templateVariables } from '../../../shared/templates';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';
import { useRefreshCase } from '../../components/case-refresh';
import { useTRPC } from '../../trpc';
import { ActionDialog } from './action-dialog';
import { TemplateLocaleChoice, useTemplateDraft } from './template-draft';
import { UnfilledNotice } from './unfilled-notice';

type RejectReason = (typeof rejectReason.options)[number];

// The rejection reason that matches what the engine found, as a starting point.
const FROM_QUOTE: Partial<Record<ReasonCode, RejectReason>> = {
  outside_window: 'outside_window',
  fully_used: 'already_used',
  non_refundable_plan: 'non_refundable_plan',
  order_anomaly: 'order_anomaly',
};

interface Props {
  detail: CaseDetail;
  quote: CaseQuote | undefined;
  onClose: () => void;
}

/** Reject with a reason code and the message the member receives, drafted from the reason's template. */
export function RejectDialog({ detail, quote, onClose }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const templates = useQuery(trpc.templates.list.queryOptions());
  const [reason, setReason] = useState<RejectReason | null>((quote && FROM_QUOTE[quote.reasonCode]) ?? null);
  const draft = useTemplateDraft(detail, quote);
  const [touched, setTouched] = useState(false);
  const message = draft.textFrom(templates.data?.find((tpl) => tpl.code === `rejection_${reason}` && tpl.locale === draft.locale));
  const unfilled = templateVariables(message);
  const reject = useMutation(
    trpc.cases.reject.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onClose();
      },
    }),
  );

  return (
    <ActionDialog
      opened
      onClose={onClose}
      title={t('caseDetail.reject.title')}
      description={t('caseDetail.reject.description')}
      submitLabel={t('caseDetail.reject.submit')}
      color="red"
      size="lg"
      onSubmit={() => {
        setTouched(true);
        if (reason && message.trim() && unfilled.length === 0)
          reject.mutate({ caseNo: detail.case.caseNo, reasonCode: reason, message: message.trim() });
      }}
      pending={reject.isPending}
      error={reject.error}
      testId="reject-dialog"
    >
      <Group align="flex-end" grow>
        <Select
          label={t('caseDetail.reject.reason')}
          data={rejectReason.options.map((value) => ({ value, label: t(`cases.rejectReason.${value}`) }))}
          value={reason}
          onChange={(v) => {
            setReason(v as RejectReason | null);
            draft.followTemplate();
          }}
          error={touched && !reason ? t('caseDetail.actions.required') : undefined}
          required
          allowDeselect={false}
          data-testid="reject-reason"
        />
        <TemplateLocaleChoice value={draft.locale} onChange={draft.switchLocale} />
      </Group>
      <Textarea
        label={t('caseDetail.reject.message')}
        description={templates.isError ? t('caseDetail.templates.unavailable') : t('caseDetail.reject.messageHint')}
        value={message}
        onChange={(e) => draft.edit(e.currentTarget.value)}
        error={touched && !message.trim() ? t('caseDetail.actions.required') : undefined}
        autosize
        minRows={4}
        maxLength={2000}
        required
        data-testid="reject-message"
      />
      <UnfilledNotice names={unfilled} />
      {draft.edited !== null && (
        <Text size="xs" c="dimmed">
          {t('caseDetail.reject.edited')}{' '}
          <Anchor component="button" type="button" size="xs" onClick={draft.followTemplate}>
            {t('caseDetail.reject.resetToTemplate')}
          </Anchor>
        </Text>
      )}
    </ActionDialog>
  );
}
