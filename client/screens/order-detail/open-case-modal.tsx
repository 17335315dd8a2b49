import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { inferRouterInputs } from '@trpc/server';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppRouter } from '../../../server/router';
import { LabelledChoice } from '../../components/choice';
import { EvidenceFields, useEvidenceInput } from '../../components/evidence-input';
import { IconAlert } from '../../components/icons';
import { useFormat } from '../../lib/format';
import { errorCode } from '../../lib/trpc-errors';
import { useTRPC } from '../../trpc';
import { NotRefundableNotice } from './not-refundable-notice';
import type { OrderDetail } from './order-page-types';

type CreateInput = inferRouterInputs<AppRouter>['cases']['create'];
type Channel = CreateInput['channel'];
type Reason = CreateInput['reason'];
type Requested = CreateInput['requested'];

const CHANNELS: Channel[] = ['online_chat', 'phone', 'email', 'app', 'web'];
const REASONS: Reason[] = ['mistaken_purchase', 'unused', 'dissatisfied', 'duplicate_charge', 'unwanted_renewal', 'other'];
const REQUESTED: Requested[] = ['full', 'prorated'];
const MAX_STATEMENT = 4000;

/** The reason the facts suggest, so the agent confirms rather than picks. */
function suggestedReason(order: OrderDetail): Reason | null {
  if (order.anomaly === 'duplicate_charge') return 'duplicate_charge';
  if (order.isRenewal) return 'unwanted_renewal';
  return null;
}

interface Props {
  order: OrderDetail;
  opened: boolean;
  onClose: () => void;
}

/** Opens a refund case on this order (docs/spec.md §4.3): the SLA clock starts and the case lands in the queue. */
export function OpenCaseModal({ order, opened, onClose }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [channel, setChannel] = useState<Channel | null>('online_chat');
  const [reason, setReason] = useState<Reason | null>(suggestedReason(order));
  const [requested, setRequested] = useState<Requested>('full');
  const [statement, setStatement] = useState('');
  const evidence = useEvidenceInput();
  const [touched, setTouched] = useState(false);
  const create = useMutation(trpc.cases.create.mutationOptions());
  // When the member first asked: one of their inbound contacts already logged, picked by the
  // agent (the full-refund window is measured to it, docs/spec.md §3 rule 6). None: the case's opening.
  const [appliedAt, setAppliedAt] = useState<string | null>(null);
  const inbound = useQuery({
    ...trpc.comms.list.queryOptions({ memberUid: order.memberUid, direction: 'inbound', limit: 20 }),
    enabled: opened,
  });
  const contacts = (inbound.data?.items ?? []).filter((c) => !order.paidAt || c.createdAt >= order.paidAt);

  const suggestions = [
    t('orderDetail.openCase.evidenceOrderNo', { orderNo: order.orderNo }),
    t('orderDetail.openCase.evidenceScreenshot'),
    t('orderDetail.openCase.evidenceActivation'),
    t('orderDetail.openCase.evidenceUsage'),
  ];

  function submit() {
    setTouched(true);
    if (!channel || !reason || create.isPending || evidence.files.busy) return;
    create.mutate(
      {
        orderNo: order.orderNo,
        channel,
        reason,
        requested,
        statement: statement.trim(),
        evidence: evidence.items,
        ...(appliedAt ? { appliedAt } : {}),
      },
      {
        onSuccess: ({ caseNo, slaDueAt }) => {
          evidence.files.reset();
          void queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() });
          notifications.show({
            color: 'teal',
            title: t('orderDetail.openCase.createdTitle', { caseNo }),
            message: t('orderDetail.openCase.createdBody', { due: f.dateTime(slaDueAt) }),
          });
          onClose();
          void navigate({ to: '/cases/$caseNo', params: { caseNo } });
        },
        onError: (error) => {
          if (errorCode(error) === 'CONFLICT')
            void queryClient.invalidateQueries({ queryKey: trpc.orders.get.queryKey({ orderNo: order.orderNo }) });
        },
      },
    );
  }

  const code = create.error ? errorCode(create.error) : undefined;
  const errorText =
    code === 'CONFLICT'
      ? t('orderDetail.openCase.conflict')
      : code === 'FORBIDDEN'
        ? t('orderDetail.openCase.forbidden')
        : code === 'BAD_REQUEST'
          ? t('orderDetail.openCase.badRequest', { message: create.error?.message ?? '' })
          : t('orderDetail.openCase.failed');

  return (
    <Modal opened={opened} onClose={onClose} title={t('orderDetail.openCase.title', { orderNo: order.orderNo })} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        data-testid="open-case-form"
      >
        <Stack gap="sm">
          <Text size="xs" c="dimmed" data-testid="open-case-summary">
            {t('orderDetail.openCase.summary', {
              amount: f.money(order.paidFen),
              channel: t(`orderVocab.channel.${order.paymentChannel}`),
              used: order.usedDaysSoFar,
              total: order.durationDays,
              activation: order.activatedAt ? f.dateTime(order.activatedAt) : t('orderDetail.membership.notActivated'),
            })}
          </Text>
          {order.paymentChannel === 'apple_iap' && (
            <Alert color="yellow" icon={<IconAlert size={18} />} p="xs">
              <Text size="xs">{t('orderDetail.appleIap')}</Text>
            </Alert>
          )}
          <NotRefundableNotice order={order} compact />
          {(order.anomaly === 'chargeback' || order.anomaly === 'risk_hold') && (
            <Alert color="red" icon={<IconAlert size={18} />} p="xs">
              <Text size="xs">{t(`orderVocab.anomalyExplain.${order.anomaly}`)}</Text>
            </Alert>
          )}
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label={t('orderDetail.openCase.channel')}
              data={CHANNELS.map((c) => ({ value: c, label: t(`orderVocab.caseChannel.${c}`) }))}
              value={channel}
              onChange={(v) => setChannel(v as Channel | null)}
              required
              error={touched && !channel ? t('orderDetail.openCase.required') : undefined}
              allowDeselect={false}
              data-testid="case-channel"
            />
            <Select
              label={t('orderDetail.openCase.reason')}
              placeholder={t('orderDetail.openCase.reasonPlaceholder')}
              data={REASONS.map((r) => ({ value: r, label: t(`orderVocab.caseReason.${r}`) }))}
              value={reason}
              onChange={(v) => setReason(v as Reason | null)}
              required
              error={touched && !reason ? t('orderDetail.openCase.required') : undefined}
              allowDeselect={false}
              data-testid="case-reason"
            />
          </SimpleGrid>
          <LabelledChoice
            id="case-requested"
            label={t('orderDetail.openCase.requested')}
            values={REQUESTED}
            value={requested}
            onChange={setRequested}
            labelOf={(r) => t(`orderVocab.requested.${r}`)}
            data-testid="case-requested"
          />
          <Select
            label={t('orderDetail.openCase.appliedAt')}
            description={t('orderDetail.openCase.appliedAtHint')}
            placeholder={contacts.length ? t('orderDetail.openCase.appliedAtNone') : t('orderDetail.openCase.appliedAtNoContacts')}
            data={contacts.map((c) => ({
              value: c.createdAt,
              label: t('orderDetail.openCase.appliedAtOption', {
                at: f.dateTime(c.createdAt),
                channel: t(`caseDetail.comms.channel.${c.channel}`),
                body: c.body.length > 24 ? `${c.body.slice(0, 24)}…` : c.body,
              }),
            }))}
            value={appliedAt}
            onChange={setAppliedAt}
            clearable
            disabled={contacts.length === 0}
            data-testid="case-applied-at"
          />
          <Textarea
            label={t('orderDetail.openCase.statement')}
            description={t('orderDetail.openCase.statementHint')}
            value={statement}
            onChange={(e) => setStatement(e.currentTarget.value)}
            maxLength={MAX_STATEMENT}
            autosize
            minRows={3}
            maxRows={8}
            data-testid="case-statement"
          />
          <EvidenceFields
            evidence={evidence}
            label={t('orderDetail.openCase.evidence')}
            description={t('orderDetail.openCase.evidenceHint')}
            suggestions={suggestions}
            testId="case-evidence"
          />
          {create.error && (
            <Alert color="red" p="xs" data-testid="open-case-error">
              <Text size="sm">{errorText}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('orderDetail.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={evidence.files.busy} data-testid="open-case-submit">
              {t('orderDetail.openCase.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
