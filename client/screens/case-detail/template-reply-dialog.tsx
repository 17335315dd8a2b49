import { Alert, Anchor, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AMOUNT_VARIABLES, namesAnAmount, templateUsesAmount, templateVariables } from '../../../shared/templates';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';
import { Choice } from '../../components/choice';
import { useCaseErrorText } from '../../components/case-error-text';
import { useRefreshCase } from '../../components/case-refresh';
import { IconAlert } from '../../components/icons';
import { useTRPC } from '../../trpc';
import { ActionDialog } from './action-dialog';
import { TemplateLocaleChoice, useTemplateDraft } from './template-draft';
import { approvedRefund } from './template-vars';
import { UnfilledNotice } from './unfilled-notice';

const SEND_CHANNELS = ['in_app_message', 'sms'] as const;
type SendChannel = (typeof SEND_CHANNELS)[number];
const SMS_PART = 70; // characters in one Chinese text message

interface Props {
  detail: CaseDetail;
  quote: CaseQuote | undefined;
  onClose: () => void;
}

/** The server's refusal of a template that names an amount before the refund is approved. */
function isAmountRefusal(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { refusal?: unknown } | undefined)?.refusal === 'amount_before_approval';
}

/**
 * Pick a template; the case fills its variables; check the preview; send by in-app message or SMS.
 * An unedited template goes as its code and language, and the server renders it from the case
 * (refusing one that names an amount before approval); an edited text goes as the agent wrote it,
 * with a warning when it names an amount the case has not approved.
 */
export function TemplateReplyDialog({ detail, quote, onClose }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const templates = useQuery(trpc.templates.list.queryOptions());
  const draft = useTemplateDraft(detail, quote);
  const [code, setCode] = useState<string | null>(null);
  const [channel, setChannel] = useState<SendChannel>('in_app_message');
  const [touched, setTouched] = useState(false);
  const send = useMutation(
    trpc.comms.send.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onClose();
      },
    }),
  );
  const errorText = useCaseErrorText();
  const available = (templates.data ?? []).filter((tpl) => tpl.locale === draft.locale);
  const template = available.find((tpl) => tpl.code === code);
  const text = draft.textFrom(template);
  const approved = approvedRefund(detail) !== undefined;
  const asTemplate = draft.edited === null && template !== undefined;
  // before approval a template naming an amount is the server's to refuse; say so up front
  const amountBlocked = asTemplate && !approved && templateUsesAmount(template.body);
  const unfilled = templateVariables(text).filter((name) => !(amountBlocked && AMOUNT_VARIABLES.includes(name)));
  const amountInFreeText = !asTemplate && !approved && namesAnAmount(text);
  const refusedForAmount = isAmountRefusal(send.error);

  return (
    <ActionDialog
      opened
      onClose={onClose}
      title={t('caseDetail.templates.title')}
      description={t('caseDetail.templates.description', { nickname: detail.order.nickname })}
      submitLabel={t(`caseDetail.templates.send.${channel}`)}
      size="lg"
      onSubmit={() => {
        setTouched(true);
        if (!text.trim() || unfilled.length > 0) return;
        if (asTemplate) send.mutate({ caseNo: detail.case.caseNo, channel, templateCode: template.code, locale: draft.locale });
        else send.mutate({ caseNo: detail.case.caseNo, channel, body: text.trim() });
      }}
      pending={send.isPending}
      error={refusedForAmount ? null : send.error}
      testId="template-dialog"
    >
      {templates.isError && (
        <Alert color="red" p="xs">
          {t('caseDetail.templates.unavailable')}
        </Alert>
      )}
      <Group grow align="flex-end">
        <Select
          label={t('caseDetail.templates.template')}
          placeholder={templates.isPending ? t('common.loading') : t('caseDetail.templates.pick')}
          data={available.map((tpl) => ({ value: tpl.code, label: tpl.title }))}
          value={code}
          onChange={(v) => {
            setCode(v);
            draft.followTemplate();
          }}
          searchable
          data-autofocus
          data-testid="template-picker"
        />
        <TemplateLocaleChoice value={draft.locale} onChange={draft.switchLocale} />
      </Group>
      {refusedForAmount && (
        <Alert color="red" icon={<IconAlert />} title={t('caseDetail.templates.amountRefused')} data-testid="template-amount-refused">
          {errorText(send.error).detail}
        </Alert>
      )}
      {amountBlocked && !refusedForAmount && (
        <Alert color="orange" p="xs" data-testid="template-amount-blocked">
          {t('caseDetail.templates.amountBeforeApproval')}
        </Alert>
      )}
      {amountInFreeText && (
        <Alert color="yellow" p="xs" icon={<IconAlert />} data-testid="reply-amount-warning">
          {t('caseDetail.templates.amountInText')}
        </Alert>
      )}
      <UnfilledNotice names={unfilled} />
      <Stack gap={4}>
        <Textarea
          label={t('caseDetail.templates.preview')}
          description={t('caseDetail.templates.previewHint')}
          value={text}
          onChange={(e) => draft.edit(e.currentTarget.value)}
          error={touched && !text.trim() ? t('caseDetail.templates.empty') : undefined}
          autosize
          minRows={4}
          maxLength={2000}
          data-testid="template-preview"
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {channel === 'sms'
              ? t('caseDetail.templates.smsLength', { count: text.length, parts: Math.max(1, Math.ceil(text.length / SMS_PART)) })
              : t('caseDetail.templates.length', { count: text.length })}
          </Text>
          {draft.edited !== null && template && (
            <Anchor component="button" type="button" size="xs" onClick={draft.followTemplate}>
              {t('caseDetail.reject.resetToTemplate')}
            </Anchor>
          )}
        </Group>
      </Stack>
      <Group gap="sm">
        <Text size="sm" fw={500} id="template-channel">
          {t('caseDetail.templates.channel')}
        </Text>
        <Choice
          values={SEND_CHANNELS}
          value={channel}
          onChange={setChannel}
          labelOf={(c) => t(`caseDetail.comms.channel.${c}`)}
          aria-labelledby="template-channel"
          data-testid="template-channel"
        />
      </Group>
    </ActionDialog>
  );
}
