import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../components/case-api-types';
import { useCaseErrorText } from '../../components/case-error-text';
import { useRefreshCase } from '../../components/case-refresh';
import { SLA_WARNING_MS, useDurationText, useNow } from '../../components/case-sla';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../trpc';

type StoreRequest = NonNullable<CaseDetail['storeRequest']>;

// Apple's consumption request on this case (docs/integration.md §6): when Apple wants the answer,
// whether the member agreed that usage may be shared, the answer the console computed, and the
// one-click send (refused by the server without consent, and once sent).
export function StoreRequestPanel({ detail, canWrite }: { detail: CaseDetail; canWrite: boolean }) {
  const request = detail.storeRequest;
  if (!request) return null;
  return <Panel caseNo={detail.case.caseNo} request={request} canWrite={canWrite} />;
}

function Panel({ caseNo, request, canWrite }: { caseNo: string; request: StoreRequest; canWrite: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const errorText = useCaseErrorText();
  const now = useNow();
  const duration = useDurationText();
  const [note, setNote] = useState('');
  const send = useMutation(trpc.cases.sendStoreAnswer.mutationOptions({ onSettled: () => refresh() }));
  const consent = useMutation(trpc.cases.recordStoreConsent.mutationOptions({ onSuccess: () => refresh() }));
  const left = Date.parse(request.respondBy) - now;
  const sent = request.sentAt !== null;
  const failed = send.error ?? consent.error;
  return (
    <Card withBorder mb="md" data-testid="store-request">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('caseDetail.storeRequest.title')}</Title>
        {sent ? (
          <Badge color="green" variant="light">
            {t('caseDetail.storeRequest.sent', { at: formatDateTime(request.sentAt!), by: request.sentBy })}
          </Badge>
        ) : (
          <Badge color={left < 0 ? 'red' : left <= SLA_WARNING_MS ? 'orange' : 'blue'} variant="light" data-testid="store-countdown">
            {left < 0
              ? t('caseDetail.storeRequest.overdue', { time: duration(left) })
              : t('caseDetail.storeRequest.left', { time: duration(left) })}
          </Badge>
        )}
      </Group>
      <Stack gap={4}>
        <Text size="sm">
          {t('caseDetail.storeRequest.received', { at: formatDateTime(request.receivedAt), by: formatDateTime(request.respondBy) })}
        </Text>
        <Text size="sm" data-testid="store-answer">
          {t('caseDetail.storeRequest.answer', {
            pct: (request.consumptionPercentage / 1000).toFixed(1),
            preference: t(`caseDetail.storeRequest.preference.${request.refundPreference}`),
            delivery: t(`caseDetail.storeRequest.delivery.${request.deliveryStatus}`),
          })}
        </Text>
        <Text size="sm" c={request.consent.consented ? undefined : 'orange'} data-testid="store-consent">
          {request.consent.consented
            ? t(`caseDetail.storeRequest.consent.${request.consent.source === 'agent' ? 'agent' : 'platform'}`, {
                at: formatDateTime(request.consent.at!),
                by: request.consent.recordedBy ?? '',
              })
            : t('caseDetail.storeRequest.consent.none')}
        </Text>
        {request.lastError && !sent && (
          <Text size="sm" c="red">
            {t('caseDetail.storeRequest.lastError', { error: request.lastError })}
          </Text>
        )}
      </Stack>
      {canWrite && !sent && !request.consent.consented && (
        <Group align="flex-end" mt="sm">
          <Textarea
            style={{ flex: 1 }}
            autosize
            minRows={1}
            label={t('caseDetail.storeRequest.consentNote')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Button
            variant="default"
            disabled={!note.trim()}
            loading={consent.isPending}
            onClick={() => consent.mutate({ caseNo, consented: true, note: note.trim() })}
          >
            {t('caseDetail.storeRequest.recordConsent')}
          </Button>
        </Group>
      )}
      {canWrite && !sent && (
        <Button
          mt="sm"
          disabled={!request.consent.consented}
          loading={send.isPending}
          onClick={() => send.mutate({ caseNo })}
          data-testid="store-send"
        >
          {t('caseDetail.storeRequest.send')}
        </Button>
      )}
      {failed && (
        <Alert color="red" variant="light" mt="sm">
          {errorText(failed).title}
          {errorText(failed).detail && (
            <Text size="xs" c="dimmed">
              {errorText(failed).detail}
            </Text>
          )}
        </Alert>
      )}
    </Card>
  );
}
