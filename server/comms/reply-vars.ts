import { noRefundReasonText } from '../../shared/refund/quote-lines';
import { arrivalPhrase, channelName, type WordingLocale } from '../../shared/payment-wording';
import { formatFen } from '../../shared/refund';
import { toLocalDate } from '../../shared/time/local-date';
import type { Db } from '../db/client';
import { literal } from '../db/literal-limit';
import { found } from '../errors';
import { selectOrderRows } from '../orders/order-row';
import { currentPolicy } from '../policy/current-policy';

/**
 * The variables a reply template may use, filled by the server from the case (docs/spec.md
 * §4.7): the same names the console's preview fills (client/screens/case-detail/template-vars.ts).
 * `amount` is there only when the case has an approved refund (pending or paid): the approved
 * amount, never a quote's — no reply may promise an amount before it is approved.
 */
export async function replyVariables(tx: Db, caseNo: string, locale: WordingLocale) {
  // the case with its order as an order row reads it (nickname, plan names, channel); the case's
  // member is its order's (cases.create copies it)
  const kase = await found(
    selectOrderRows(tx)
      .innerJoin('refund_cases', 'refund_cases.order_no', 'orders.order_no')
      .select(['refund_cases.case_no', 'refund_cases.status as case_status', 'refund_cases.sla_due_at'])
      .where('refund_cases.case_no', '=', caseNo),
    `No case ${caseNo}`,
  );
  const refund = await tx
    .selectFrom('refunds')
    .select(['amount_fen', 'quote_id'])
    .where('case_no', '=', caseNo)
    .where('status', 'in', ['pending', 'succeeded'])
    .executeTakeFirst();
  // the days come from the approved refund's quote, else from the case's latest quote
  const quote = await tx
    .selectFrom('quotes')
    .select(['outcome', 'result'])
    .where('case_no', '=', caseNo)
    .$if(refund !== undefined, (q) => q.where('id', '=', refund!.quote_id))
    .orderBy('id', 'desc')
    .limit(literal(1))
    .executeTakeFirst();
  const result = quote
    ? (JSON.parse(quote.result) as {
        usedDays?: number;
        totalDays?: number;
        remainingDays?: number;
        lines?: { code: string; labelZh: string; labelEn: string }[];
      })
    : null;
  const none = quote?.outcome === 'none' ? result?.lines?.find((l) => l.code === 'no_refund') : undefined;
  const policy = await currentPolicy(tx);
  const vars: Record<string, string | number> = {
    nickname: kase.nickname,
    orderNo: kase.order_no,
    caseNo: kase.case_no,
    planName: locale === 'en' ? kase.name_en : kase.name_zh,
    channelName: channelName(kase.payment_channel, locale),
    arrival: arrivalPhrase(kase.payment_channel, locale),
    slaDate: toLocalDate(kase.sla_due_at, policy.timezone),
  };
  if (result?.usedDays !== undefined) vars.usedDays = result.usedDays;
  if (result?.totalDays !== undefined) vars.totalDays = result.totalDays;
  if (result?.remainingDays !== undefined) vars.remainingDays = result.remainingDays;
  if (none) vars.reason = noRefundReasonText(none, locale === 'en' ? 'en' : 'zh-CN');
  if (refund) vars.amount = formatFen(refund.amount_fen);
  return { memberUid: kase.member_uid, status: kase.case_status, approvedFen: refund?.amount_fen ?? null, vars };
}
