import { formatFen } from '../../../shared/refund/format';
import type { CaseDetail, CaseQuote, MessageTemplate } from '../../components/case-api-types';
import { formatDate } from '../../lib/format';

export type TemplateLocale = MessageTemplate['locale'];

/**
 * The variables a reply template may use, filled from the case (docs/spec.md §4.7). `reason` is the
 * engine's own sentence for a quote that pays nothing, in the template's language; otherwise
 * it stays a placeholder for the agent to write, like any value the case does not have.
 */
export function templateVarsFor(detail: CaseDetail, quote: CaseQuote | undefined, locale: TemplateLocale) {
  const none = quote?.outcome === 'none' ? quote.lines.find((l) => l.code === 'no_refund') : undefined;
  return {
    nickname: detail.order.nickname,
    orderNo: detail.order.orderNo,
    amount: quote ? formatFen(quote.amountFen) : null,
    usedDays: quote?.usedDays ?? null,
    remainingDays: quote?.remainingDays ?? null,
    reason: none ? (locale === 'en' ? none.labelEn : none.labelZh) : null,
    slaDate: formatDate(detail.case.slaDueAt),
  };
}
