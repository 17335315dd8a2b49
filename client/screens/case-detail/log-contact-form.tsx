import { Alert, Button, Group, Kbd, NumberInput, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { commChannel, commDirection } from '../../../shared/schemas/enums';
import { namesAnAmount } from '../../../shared/templates';
import { MAX_COMM_ATTACHMENTS } from '../../../shared/uploads';
import { Choice } from '../../components/choice';
import { useCaseErrorText } from '../../components/case-error-text';
import { useRefreshCase } from '../../components/case-refresh';
import { FileUploadField } from '../../components/file-upload-field';
import { IconAlert } from '../../components/icons';
import { useFileUploads } from '../../components/use-file-uploads';
import { useTRPC } from '../../trpc';

type Direction = (typeof commDirection.options)[number];
type Channel = (typeof commChannel.options)[number];

interface Props {
  caseNo: string;
  memberUid: string;
  /** the channel the case came in by: the likeliest one for the next contact */
  defaultChannel: Channel;
  /** whether the case has an approved refund: before that, a reply naming an amount is warned about */
  amountApproved: boolean;
  onDone: () => void;
}

/** Records a call, chat, e-mail or internal note on the case. Ctrl+Enter saves. */
export function LogContactForm({ caseNo, memberUid, defaultChannel, amountApproved, onDone }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const errorText = useCaseErrorText();
  const [direction, setDirection] = useState<Direction>('inbound');
  const [channel, setChannel] = useState<Channel>(defaultChannel);
  const [body, setBody] = useState('');
  const [minutes, setMinutes] = useState<number | ''>('');
  const [seconds, setSeconds] = useState<number | ''>('');
  const [touched, setTouched] = useState(false);
  const files = useFileUploads(MAX_COMM_ATTACHMENTS);
  const log = useMutation(
    trpc.comms.log.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setBody('');
        setMinutes('');
        setSeconds('');
        setTouched(false);
        files.reset();
        onDone();
      },
    }),
  );
  const isCall = channel === 'phone' && direction !== 'note';

  function submit(event?: FormEvent) {
    event?.preventDefault();
    setTouched(true);
    if (!body.trim() || log.isPending || files.busy) return;
    const durationSec = isCall && (minutes !== '' || seconds !== '') ? Number(minutes || 0) * 60 + Number(seconds || 0) : undefined;
    const attachments = files.uploaded.map((f) => f.uploadId);
    log.mutate({
      caseNo,
      memberUid,
      direction,
      channel,
      body: body.trim(),
      durationSec,
      attachments: attachments.length ? attachments : undefined,
    });
  }
  // Anywhere in the form (the note, the call's length, the channel): Ctrl+Enter saves, Esc
  // cancels — except the Esc that closes an open dropdown (the channel list).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
    if (e.key === 'Escape' && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true') onDone();
  };

  return (
    <Paper
      withBorder
      radius="sm"
      p="sm"
      bg="gray.0"
      component="form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      data-testid="log-contact-form"
    >
      <Stack gap="xs">
        {log.error && (
          <Alert color="red" p="xs" icon={<IconAlert />} title={errorText(log.error).title}>
            {errorText(log.error).detail}
          </Alert>
        )}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Choice
            size="xs"
            values={commDirection.options}
            value={direction}
            onChange={setDirection}
            labelOf={(value) => t(`caseDetail.comms.direction.${value}`)}
            aria-label={t('caseDetail.comms.form.direction')}
          />
          <Select
            size="xs"
            w={130}
            aria-label={t('caseDetail.comms.form.channel')}
            data={commChannel.options.map((value) => ({ value, label: t(`caseDetail.comms.channel.${value}`) }))}
            value={channel}
            onChange={(v) => v && setChannel(v as Channel)}
            allowDeselect={false}
          />
          {isCall && (
            <Group gap={4} wrap="nowrap" align="center">
              <Text size="xs" c="dimmed">
                {t('caseDetail.comms.form.duration')}
              </Text>
              <NumberInput
                size="xs"
                w={64}
                min={0}
                max={600}
                allowDecimal={false}
                allowNegative={false}
                value={minutes}
                onChange={(v) => setMinutes(typeof v === 'number' ? v : '')}
                aria-label={t('caseDetail.comms.form.minutes')}
              />
              <Text size="xs">{t('caseDetail.comms.form.minutesUnit')}</Text>
              <NumberInput
                size="xs"
                w={58}
                min={0}
                max={59}
                allowDecimal={false}
                allowNegative={false}
                value={seconds}
                onChange={(v) => setSeconds(typeof v === 'number' ? v : '')}
                aria-label={t('caseDetail.comms.form.seconds')}
              />
              <Text size="xs">{t('caseDetail.comms.form.secondsUnit')}</Text>
            </Group>
          )}
        </Group>
        <Textarea
          placeholder={t(`caseDetail.comms.form.placeholder.${direction}`)}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={touched && !body.trim() ? t('caseDetail.actions.required') : undefined}
          autosize
          minRows={2}
          maxRows={10}
          maxLength={10000}
          autoFocus
          aria-label={t('caseDetail.comms.form.body')}
          name="body"
        />
        {direction === 'outbound' && !amountApproved && namesAnAmount(body) && (
          <Alert color="yellow" p="xs" icon={<IconAlert />} data-testid="reply-amount-warning">
            {t('caseDetail.templates.amountInText')}
          </Alert>
        )}
        <FileUploadField uploads={files} max={MAX_COMM_ATTACHMENTS} label={t('uploads.attachments.label')} />
        <Group justify="space-between">
          <Group gap={4}>
            <Kbd size="xs">Ctrl</Kbd>
            <Kbd size="xs">Enter</Kbd>
            <Text size="xs" c="dimmed">
              {t('caseDetail.comms.form.saveHint')}
            </Text>
          </Group>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={onDone}>
              {t('caseDetail.actions.cancel')}
            </Button>
            <Button
              size="xs"
              type="submit"
              loading={log.isPending}
              disabled={files.busy}
              title={files.busy ? t('uploads.picker.waiting') : undefined}
              data-testid="log-contact-submit"
            >
              {t('caseDetail.comms.form.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
