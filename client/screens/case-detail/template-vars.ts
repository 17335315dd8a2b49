import { noRefundReasonText } from '../../../shared/refund/quote-lines';
import { arrivalPhrase, channelName } from '../../../shared/payment-wording';
import { formatFen } from '../../../shared/refund/format';
import type { CaseDetail, CaseQuote, MessageTemplate } from '../../components/case-api-types';
import { formatDate } from '../../lib/format';

export type TemplateLocale = MessageTemplate['locale'];

/** The case's approved refund (waiting for its payment or paid), if any: the only amount a reply may name. */
export function approvedRefund(detail: CaseDetail) {
  return detail.refunds.find((r) => r.status === 'pending' || r.status === 'succeeded');
}

/**
 * The variables a reply template may use, filled from the case (docs/spec.md §4.7) — the same
 * names the server fills when it renders a template reply (server/comms/reply-vars.ts). `amount`
 * is the approved refund's and nothing before approval. `reason` is the engine's own sentence
 * for a quote that pays nothing, in the template's language; otherwise it stays a placeholder for
 * the agent to write, like any value the case does not have.
 */
export function templateVarsFor(detail: CaseDetail, quote: CaseQuote | undefined, locale: TemplateLocale) {
  const none = quote?.outcome === 'none' ? quote.lines.find((l) => l.code === 'no_refund') : undefined;
  const refund = approvedRefund(detail);
  return {
    nickname: detail.order.nickname,
    orderNo: detail.order.orderNo,
    caseNo: detail.case.caseNo,
    planName: locale === 'en' ? detail.order.planNameEn : detail.order.planNameZh,
    channelName: channelName(detail.order.paymentChannel, locale),
    arrival: arrivalPhrase(detail.order.paymentChannel, locale),
    amount: refund ? formatFen(refund.amountFen) : null,
    usedDays: quote?.usedDays ?? null,
    totalDays: quote?.totalDays ?? null,
    remainingDays: quote?.remainingDays ?? null,
    reason: none ? noRefundReasonText(none, locale === 'en' ? 'en' : 'zh-CN') : null,
    slaDate: formatDate(detail.case.slaDueAt),
  };
}
