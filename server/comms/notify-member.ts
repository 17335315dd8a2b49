import { renderTemplate } from '../../shared/templates';
import type { Db } from '../db/client';
import { enqueueMessage } from './enqueue-message';

// Used when the template library lacks a code (a fresh database): the member is still told.
// The demo library (server/seed/templates.ts) holds the same messages in both languages.
const FALLBACK: Record<string, string> = {
  approval: '【卡盟会员】您好 {{nickname}}，您的订单 {{orderNo}} 退款申请已通过，{{amount}} 将退回至{{channelName}}，{{arrival}}。',
  approval_prorated:
    '【卡盟会员】您好 {{nickname}}，您的订单 {{orderNo}} 退款申请已通过：会员已使用{{usedDays}}天/共{{totalDays}}天，按未使用天数退款 {{amount}}，将退回至{{channelName}}，{{arrival}}。',
  refund_arrived: '【卡盟会员】您好 {{nickname}}，您的订单 {{orderNo}} 退款 {{amount}} 已退回至{{channelName}}，请注意查收。',
  case_reopened:
    '【卡盟会员】您好 {{nickname}}，您对订单 {{orderNo}} 的申诉已受理，退款申请 {{caseNo}} 已重新审核，我们将在 {{slaDate}} 前答复您。',
  auto_renew_cancelled: '【卡盟会员】您好 {{nickname}}，您的「{{planName}}」自动续费已关闭，之后不会再自动扣款。',
  apple_store_redirect:
    '【卡盟会员】您好 {{nickname}}，订单 {{orderNo}} 通过 App Store 支付，退款需向 Apple 申请：reportaproblem.apple.com。',
};

/** A template's text in the library, or the built-in fallback (zh-CN) when the library lacks it. */
export async function templateBody(tx: Db, code: string): Promise<string> {
  const row = await tx
    .selectFrom('message_templates')
    .select('body')
    .where('code', '=', code)
    .where('locale', '=', 'zh-CN')
    .executeTakeFirst();
  return row?.body ?? FALLBACK[code] ?? '{{message}}';
}

export async function caseVariables(tx: Db, caseNo: string) {
  const row = await tx
    .selectFrom('refund_cases')
    .innerJoin('members', 'members.uid', 'refund_cases.member_uid')
    .select(['refund_cases.order_no', 'refund_cases.member_uid', 'refund_cases.version', 'refund_cases.sla_due_at', 'members.nickname'])
    .where('refund_cases.case_no', '=', caseNo)
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * Tells the member about a decision by in-app message and SMS, through the outbox, inside the
 * decision's transaction. The dedupe key names the case version, so each decision notifies
 * exactly once however often the code path runs.
 */
export async function notifyMember(
  tx: Db,
  caseNo: string,
  event: string,
  body: string | { template: string; vars?: Record<string, string | number> },
  authorId: number | null,
  now: Date,
): Promise<void> {
  const c = await caseVariables(tx, caseNo);
  const text =
    typeof body === 'string'
      ? body
      : renderTemplate(await templateBody(tx, body.template), { nickname: c.nickname, orderNo: c.order_no, caseNo, ...body.vars });
  for (const channel of ['in_app_message', 'sms'] as const) {
    await enqueueMessage(
      tx,
      { memberUid: c.member_uid, caseNo, channel, body: text, dedupeKey: `${caseNo}:${event}:${channel}`, authorId },
      now,
    );
  }
}
