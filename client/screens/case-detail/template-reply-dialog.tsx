import { Alert, Anchor, Group, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { renderTemplate, templateVariables } from '../../../shared/templates';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';
import { useRefreshCase } from '../../components/case-refresh';
import { useTRPC } from '../../trpc';
import { ActionDialog } from './action-dialog';
import { templateVarsFor, type TemplateLocale } from './template-vars';
import { UnfilledNotice } from './unfilled-notice';

type SendChannel = 'in_app_message' | 'sms';
const SMS_PART = 70; // characters in one Chinese text message

interface Props {
  detail: CaseDetail;
  quote: CaseQuote | undefined;
  onClose: () => void;
}

/** Pick a template; the case fills its variables; check the preview; send by in-app message or SMS. */
export function TemplateReplyDialog({ detail, quote, onClose }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const templates = useQuery(trpc.templates.list.queryOptions());
  const [locale, setLocale] = useState<TemplateLocale>('zh-CN');
  const [code, setCode] = useState<string | null>(null);
  const [channel, setChannel] = useState<SendChannel>('in_app_message');
  const [edited, setEdited] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const send = useMutation(
    trpc.comms.send.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onClose();
      },
    }),
  );
  const available = (templates.data ?? []).filter((tpl) => tpl.locale === locale);
  const template = available.find((tpl) => tpl.code === code);
  const drafted = template ? renderTemplate(template.body, templateVarsFor(detail, quote, locale)) : '';
  const text = edited ?? drafted;
  const unfilled = templateVariables(text);

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
        if (text.trim() && unfilled.length === 0) send.mutate({ caseNo: detail.case.caseNo, channel, body: text.trim() });
      }}
      pending={send.isPending}
      error={send.error}
      testId="template-dialog"
    >
      {templates.isError && (
        <Alert color="red" variant="light" p="xs">
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
            setEdited(null);
          }}
          searchable
          data-autofocus
          data-testid="template-picker"
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
      <UnfilledNotice names={unfilled} />
      <Stack gap={4}>
        <Textarea
          label={t('caseDetail.templates.preview')}
          description={t('caseDetail.templates.previewHint')}
          value={text}
          onChange={(e) => setEdited(e.currentTarget.value)}
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
          {edited !== null && template && (
            <Anchor component="button" type="button" size="xs" onClick={() => setEdited(null)}>
              {t('caseDetail.reject.resetToTemplate')}
            </Anchor>
          )}
        </Group>
      </Stack>
      <Group gap="sm">
        <Text size="sm" fw={500} id="template-channel">
          {t('caseDetail.templates.channel')}
        </Text>
        <SegmentedControl
          value={channel}
          onChange={(v) => setChannel(v as SendChannel)}
          data={[
            { value: 'in_app_message', label: t('caseDetail.comms.channel.in_app_message') },
            { value: 'sms', label: t('caseDetail.comms.channel.sms') },
          ]}
          aria-labelledby="template-channel"
          data-testid="template-channel"
        />
      </Group>
    </ActionDialog>
  );
}
