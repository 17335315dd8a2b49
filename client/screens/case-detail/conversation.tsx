import { Button, Group, Kbd, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentList } from '../../components/attachment-list';
import { CHANNEL_ICON, DIRECTION_COLOR, DeliveryBadge, callDuration } from '../../components/comm-badges';
import type { CaseComm, CaseDetail, CaseQuote } from '../../components/case-api-types';
import { IconArrowIn, IconArrowOut, IconNote } from '../../components/case-icons';
import { isPlainKey, isTypingTarget } from '../../lib/keyboard';
import { formatDateTime } from '../../lib/format';
import { LogContactForm } from './log-contact-form';
import { TemplateReplyDialog } from './template-reply-dialog';
import { approvedRefund } from './template-vars';

// The communication channel a case's own channel answers on.
const CASE_TO_COMM: Record<CaseDetail['case']['channel'], CaseComm['channel']> = {
  app: 'in_app_message',
  web: 'in_app_message',
  online_chat: 'online_chat',
  phone: 'phone',
  email: 'email',
};

function CommItem({ comm }: { comm: CaseComm }) {
  const { t } = useTranslation();
  const ChannelIcon = comm.direction === 'note' ? IconNote : CHANNEL_ICON[comm.channel];
  const DirectionIcon = comm.direction === 'inbound' ? IconArrowIn : IconArrowOut;
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid="comm-item" data-direction={comm.direction} data-channel={comm.channel}>
      <ThemeIcon variant="light" color={DIRECTION_COLOR[comm.direction]} radius="xl" size={30} aria-hidden="true">
        <ChannelIcon size={16} />
      </ThemeIcon>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="wrap">
          {comm.direction !== 'note' && <DirectionIcon size={12} color={`var(--mantine-color-${DIRECTION_COLOR[comm.direction]}-7)`} />}
          <Text size="xs" fw={600}>
            {/* a note has no channel; what a member said is named by how they reached us (来电, 咨询…) */}
            {comm.direction === 'note'
              ? t('caseDetail.comms.direction.note')
              : comm.direction === 'inbound'
                ? t(`caseDetail.comms.inboundBy.${comm.channel}`)
                : `${t('caseDetail.comms.direction.outbound')} · ${t(`caseDetail.comms.channel.${comm.channel}`)}`}
          </Text>
          <Text size="xs" c="dimmed">
            {comm.author ?? t('caseDetail.comms.member')} · {formatDateTime(comm.createdAt)}
          </Text>
          {comm.durationSec !== null && (
            <Text size="xs" c="dimmed">
              {t('caseDetail.comms.callDuration', { duration: callDuration(comm.durationSec) })}
            </Text>
          )}
          {comm.direction === 'outbound' && comm.deliveryStatus && <DeliveryBadge status={comm.deliveryStatus} />}
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {comm.body}
        </Text>
        <AttachmentList files={comm.attachments} label={t('uploads.attachments.count', { count: comm.attachments.length })} />
      </Stack>
    </Group>
  );
}

/** Every contact with the member on this case, newest first; log one (C) or reply from a template. */
export function Conversation({ detail, quote, canWrite }: { detail: CaseDetail; quote: CaseQuote | undefined; canWrite: boolean }) {
  const { t } = useTranslation();
  const [logging, setLogging] = useState(false);
  const [replying, setReplying] = useState(false);
  const comms = detail.communications;
  // saved or cancelled, the keyboard is back on the button that opened the form (not lost on the page)
  const logButton = useRef<HTMLButtonElement>(null);
  const closeForm = () => {
    setLogging(false);
    logButton.current?.focus();
  };

  useEffect(() => {
    if (!canWrite) return;
    // On window: the shell's "g" chords (document level) claim their second key first.
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'c' || !isPlainKey(event) || isTypingTarget(event.target) || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      setLogging(true);
      document.getElementById('case-conversation')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canWrite]);

  return (
    <Paper withBorder radius="md" p="md" id="case-conversation" data-testid="conversation">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('caseDetail.comms.title', { count: comms.length })}
        </Title>
        {canWrite && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="light"
              ref={logButton}
              onClick={() => setLogging((v) => !v)}
              rightSection={<Kbd size="xs">C</Kbd>}
              data-testid="log-contact"
            >
              {t('caseDetail.comms.log')}
            </Button>
            <Button size="xs" variant="light" color="teal" onClick={() => setReplying(true)} data-testid="template-reply">
              {t('caseDetail.comms.reply')}
            </Button>
          </Group>
        )}
      </Group>
      <Stack gap="md">
        {logging && (
          <LogContactForm
            caseNo={detail.case.caseNo}
            memberUid={detail.case.memberUid}
            defaultChannel={CASE_TO_COMM[detail.case.channel]}
            amountApproved={approvedRefund(detail) !== undefined}
            onDone={closeForm}
          />
        )}
        {comms.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('caseDetail.comms.empty')}
          </Text>
        ) : (
          comms.map((comm) => <CommItem key={comm.commId} comm={comm} />)
        )}
      </Stack>
      {replying && <TemplateReplyDialog detail={detail} quote={quote} onClose={() => setReplying(false)} />}
    </Paper>
  );
}
