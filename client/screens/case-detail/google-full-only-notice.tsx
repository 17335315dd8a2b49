import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';
import { IconAlert } from '../../components/icons';

/** Beside the quote of a Google Play order: Google refunds the whole order or nothing (docs/spec.md §4.6). */
export function GoogleFullOnlyNotice({ detail, quote }: { detail: CaseDetail; quote: CaseQuote }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" icon={<IconAlert />} title={t('caseDetail.googleFullOnly.title')} mb="sm" data-testid="store-full-only">
      {t('caseDetail.googleFullOnly.body', { paid: formatFen(detail.order.paidFen), amount: formatFen(quote.amountFen) })}
    </Alert>
  );
}
