import { Group, NumberInput, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Basis } from '../../../shared/refund';
import { useRefreshCase } from '../../components/case-refresh';
import { useTRPC } from '../../trpc';
import { ActionDialog } from './action-dialog';

type Kind = Basis['kind'];

interface Props {
  caseNo: string;
  totalDays: number;
  onClose: () => void;
  onDone: () => void;
}

/** A new quote on another basis; the old one stays (quotes are never overwritten). */
export function RecomputeDialog({ caseNo, totalDays, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const [kind, setKind] = useState<Kind>('evidence');
  const [usedDays, setUsedDays] = useState<number | ''>('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const quote = useMutation(
    trpc.cases.quote.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onDone();
      },
    }),
  );

  const manualInvalid = kind === 'manual' && (usedDays === '' || !reason.trim());
  function submit() {
    setTouched(true);
    if (manualInvalid) return;
    const basis: Basis = kind === 'manual' ? { kind, usedDays: Number(usedDays), reason: reason.trim() } : { kind };
    quote.mutate({ caseNo, basis });
  }

  return (
    <ActionDialog
      opened
      onClose={onClose}
      title={t('caseDetail.recompute.title')}
      description={t('caseDetail.recompute.description')}
      submitLabel={t('caseDetail.recompute.submit')}
      onSubmit={submit}
      pending={quote.isPending}
      error={quote.error}
      testId="recompute-dialog"
    >
      <Stack gap={6}>
        <SegmentedControl
          fullWidth
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={(['calendar', 'evidence', 'manual'] as const).map((value) => ({ value, label: t(`cases.basis.${value}`) }))}
          data-testid="basis-picker"
        />
        <Text size="xs" c="dimmed">
          {t(`caseDetail.recompute.explain.${kind}`)}
        </Text>
      </Stack>
      {kind !== 'calendar' && (
        <Text size="xs" c="violet.8">
          {t('caseDetail.recompute.exceptionNote')}
        </Text>
      )}
      {kind === 'manual' && (
        <Group align="flex-start" grow>
          <NumberInput
            label={t('caseDetail.recompute.usedDays')}
            description={t('caseDetail.recompute.usedDaysHint', { total: totalDays })}
            min={0}
            max={totalDays}
            allowDecimal={false}
            allowNegative={false}
            value={usedDays}
            onChange={(v) => setUsedDays(typeof v === 'number' ? v : '')}
            error={touched && usedDays === '' ? t('caseDetail.actions.required') : undefined}
            required
            maw={160}
          />
          <Textarea
            label={t('caseDetail.recompute.reason')}
            placeholder={t('caseDetail.recompute.reasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={touched && !reason.trim() ? t('caseDetail.recompute.reasonRequired') : undefined}
            autosize
            minRows={3}
            maxLength={1000}
            required
          />
        </Group>
      )}
    </ActionDialog>
  );
}
