import { NumberInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import { useRefreshCase } from '../../components/case-refresh';
import { useTRPC } from '../../trpc';
import { ActionDialog } from './action-dialog';

const MIN_REASON = 10; // the server's rule: a goodwill refund needs a written reason

// NumberInput hands over a string while the text keeps trailing zeros ("10.00").
function toNumber(value: number | string): number | '' {
  if (typeof value === 'number') return value;
  const parsed = Number(value.replace(/[^\d.]/g, ''));
  return value.trim() === '' || Number.isNaN(parsed) ? '' : parsed;
}

interface Props {
  caseNo: string;
  leftFen: number;
  onClose: () => void;
}

/** A supervisor's refund outside the rules: an amount in ¥ and a written reason; approved next. */
export function GoodwillDialog({ caseNo, leftFen, onClose }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const [yuan, setYuan] = useState<number | ''>('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const goodwill = useMutation(
    trpc.cases.goodwill.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onClose();
      },
    }),
  );
  const amountFen = yuan === '' ? 0 : Math.round(yuan * 100);
  const amountError =
    amountFen <= 0
      ? t('caseDetail.goodwill.amountRequired')
      : amountFen > leftFen
        ? t('caseDetail.goodwill.amountTooHigh', { max: formatFen(leftFen) })
        : null;
  const reasonError = reason.trim().length < MIN_REASON ? t('caseDetail.goodwill.reasonTooShort', { min: MIN_REASON }) : null;

  return (
    <ActionDialog
      opened
      onClose={onClose}
      title={t('caseDetail.goodwill.title')}
      description={t('caseDetail.goodwill.description', { max: formatFen(leftFen) })}
      submitLabel={t('caseDetail.goodwill.submit')}
      color="grape"
      onSubmit={() => {
        setTouched(true);
        if (!amountError && !reasonError) goodwill.mutate({ caseNo, amountFen, reason: reason.trim() });
      }}
      pending={goodwill.isPending}
      error={goodwill.error}
      testId="goodwill-dialog"
    >
      <NumberInput
        label={t('caseDetail.goodwill.amount')}
        prefix="¥"
        decimalScale={2}
        fixedDecimalScale
        min={0}
        max={leftFen / 100}
        allowNegative={false}
        thousandSeparator=","
        value={yuan}
        onChange={(v) => setYuan(toNumber(v))}
        error={touched ? amountError : undefined}
        required
        data-autofocus
        maw={220}
      />
      <Textarea
        label={t('caseDetail.goodwill.reason')}
        placeholder={t('caseDetail.goodwill.reasonPlaceholder')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={touched ? reasonError : undefined}
        autosize
        minRows={3}
        maxLength={1000}
        required
      />
    </ActionDialog>
  );
}
