import { Anchor, Group, SegmentedControl, Select, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReasonCode } from '../../../shared/refund';
import { rejectReason } from '../../../shared/schemas/enums';
import { renderTemplate, templateVariables } from '../../../shared/templates';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';
import { useRefreshCase } from '../../components/case-refresh';
import { useTRPC } from '../../trpc';
import { ActionDialog } from './action-dialog';
import { templateVarsFor, type TemplateLocale } from './template-vars';
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
  const [locale, setLocale] = useState<TemplateLocale>('zh-CN');
  // null: the message follows the template; a string: the agent has written their own.
  const [edited, setEdited] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const template = templates.data?.find((tpl) => tpl.code === `rejection_${reason}` && tpl.locale === locale);
  const drafted = template ? renderTemplate(template.body, templateVarsFor(detail, quote, locale)) : '';
  const message = edited ?? drafted;
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
            setEdited(null);
          }}
          error={touched && !reason ? t('caseDetail.actions.required') : undefined}
          required
          allowDeselect={false}
          data-testid="reject-reason"
        />
        <SegmentedControl
          value={locale}
          onChange={(v) => {
            setLocale(v as TemplateLocale);
            setEdited(null);
          }}
          data={[
            { value: 'zh-CN', label: t('caseDetail.templates.localeZh') },
            { value: 'en', label: t('caseDetail.templates.localeEn') },
          ]}
          aria-label={t('caseDetail.templates.locale')}
        />
      </Group>
      <Textarea
        label={t('caseDetail.reject.message')}
        description={templates.isError ? t('caseDetail.templates.unavailable') : t('caseDetail.reject.messageHint')}
        value={message}
        onChange={(e) => setEdited(e.currentTarget.value)}
        error={touched && !message.trim() ? t('caseDetail.actions.required') : undefined}
        autosize
        minRows={4}
        maxLength={2000}
        required
        data-testid="reject-message"
      />
      <UnfilledNotice names={unfilled} />
      {edited !== null && (
        <Text size="xs" c="dimmed">
          {t('caseDetail.reject.edited')}{' '}
          <Anchor component="button" type="button" size="xs" onClick={() => setEdited(null)}>
            {t('caseDetail.reject.resetToTemplate')}
          </Anchor>
        </Text>
      )}
    </ActionDialog>
  );
}
